"""The Redis cache of production (occe_site/cache.py): Django's, with one client per pool."""

import uuid

import pytest
import redis

from occe_site.cache import SharedClientRedisCache

LOCATION = "redis://127.0.0.1:6379/12"


@pytest.fixture
def cache():
    try:
        redis.Redis.from_url(LOCATION).ping()
    except redis.ConnectionError:
        pytest.skip("Redis n'est pas lancé sur 127.0.0.1:6379")
    return SharedClientRedisCache(LOCATION, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_one_client_serves_every_operation(cache):
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_it_is_still_a_working_cache(cache):
    cache.set("clé", {"menu": ["Accueil"]}, 30)
    assert cache.get("clé") == {"menu": ["Accueil"]}
    assert cache.add("compteur", 0, 30)
    assert cache.incr("compteur") == 1
    assert cache.get_many(["clé", "absente"]) == {"clé": {"menu": ["Accueil"]}}
    cache.delete("clé")
    assert cache.get("clé") is None
