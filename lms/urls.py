from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates.api_v1 import api as api_v1
from lms.health import healthz
from lms.people.views import SignInRedirectView

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # For load balancers and monitoring (lms/health.py): no session, no language, no personal data.
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", lambda request: redirect(static_url("favicon.svg"), permanent=True)),
    # Every sign-in goes through allauth (rate limits, MFA): the admins' own login pages redirect.
    path("admin/login/", SignInRedirectView.as_view()),
    path("django-admin/login/", SignInRedirectView.as_view()),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The completion API for other systems: JSON, token-authenticated, no language prefix.
    path("api/v1/", api_v1.urls),
]

urlpatterns += i18n_patterns(
    path("", include("lms.people.urls")),
    path("", include("assessments.urls")),
    path("", include("courses.urls")),
    path("", include("certificates.urls")),
    path("accounts/", include("allauth.urls")),
    # Wagtail's front-end login and shared-password page views would sign people in (or open
    # pages) around allauth; they go to allauth's sign-in instead. Shared passwords are off.
    path("_util/login/", SignInRedirectView.as_view()),
    path(
        "_util/authenticate_with_password/<int:restriction_id>/<int:page_id>/",
        lambda request, **ids: SignInRedirectView.as_view()(request),
    ),
    # Wagtail's page tree comes last: it answers every path the others do not.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
