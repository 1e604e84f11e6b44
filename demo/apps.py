from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py load_demo` and `demo_otp_code`; no models."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo"
