from django.urls import path

from contact import views

app_name = "contact"
urlpatterns = [
    path("<int:page_id>/envoyer/", views.submit, name="submit"),
]
