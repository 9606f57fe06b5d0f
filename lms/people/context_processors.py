from django.utils.functional import SimpleLazyObject

from . import access


def roles(request):
    user = request.user

    def navigation():
        return {
            "can_invite": access.can_invite(user),
            "can_view_people": access.can_view_people(user),
            "can_access_admin": access.can_access_admin(user),
            "can_view_reports": access.can_view_reports(user),
        }

    return {"himaya_nav": SimpleLazyObject(navigation)}
