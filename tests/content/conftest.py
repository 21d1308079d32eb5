import pytest

from content.models import Theme


@pytest.fixture
def themes(db):
    return {theme.slug: theme for theme in Theme.objects.all()}
