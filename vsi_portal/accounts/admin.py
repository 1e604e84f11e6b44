"""Accounts in France Volontaires' admin: one "Accounts" section.

allauth's e-mail addresses (its `account` app, also called "Comptes" in French) and
django-otp's authenticator apps ("Otp_Totp", untranslated) had sections of their own; both
belong to a person, so they are shown on the person's page instead (an authenticator app
can be deleted there, to reset a lost one), and their own sections are removed.
"""

from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "preferred_language")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


for _model in (EmailAddress, TOTPDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    fields = ["email", "verified", "primary"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("e-mail address (sign-in)")
    verbose_name_plural = _("e-mail addresses (sign-in)")

    def has_add_permission(self, request, obj=None):
        return False


class TwoFactorDeviceInline(admin.TabularInline):
    model = TOTPDevice
    fields = ["device_name", "device_confirmed", "device_created_at", "device_last_used_at"]
    readonly_fields = fields
    extra = 0
    verbose_name = _("authenticator app (two-factor authentication)")
    verbose_name_plural = _("authenticator apps (two-factor authentication)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("name"))
    def device_name(self, device):
        return device.name

    @admin.display(description=_("confirmed"), boolean=True)
    def device_confirmed(self, device):
        return device.confirmed

    @admin.display(description=_("added on"))
    def device_created_at(self, device):
        return device.created_at

    @admin.display(description=_("last used on"))
    def device_last_used_at(self, device):
        return device.last_used_at


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    inlines = [EmailAddressInline, TwoFactorDeviceInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # adding a person: no inline yet

    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "preferred_language",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal information"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "preferred_language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
