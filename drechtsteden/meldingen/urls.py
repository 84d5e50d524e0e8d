from django.urls import path

from drechtsteden.meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<id:pk>/gelezen/", views.gelezen, name="gelezen"),
    path("voorkeuren/", views.voorkeuren, name="voorkeuren"),
]
