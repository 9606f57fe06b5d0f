from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def arabic_fields_right_to_left():
    """Arabic fields are typed right to left in every admin form (cms/static/cms/arabic_fields.js):
    a field's name says it holds Arabic ("_ar"), or the page or snippet is in the Arabic locale."""
    return format_html('<script src="{}" defer></script>', static("cms/arabic_fields.js"))


@hooks.register("insert_global_admin_js")
def editing_sessions_have_names():
    """Wagtail's "also viewing" avatars are buttons named only by a hidden tooltip; give each the
    tooltip's words as its name (cms/static/cms/editing_sessions_names.js)."""
    return format_html('<script src="{}" defer></script>', static("cms/editing_sessions_names.js"))
