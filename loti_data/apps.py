from django.contrib.admin.apps import AdminConfig


class LotiAdminConfig(AdminConfig):
    default_site = "loti_data.admin_site.LotiAdminSite"
