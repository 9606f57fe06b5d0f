from django.utils.functional import SimpleLazyObject

from lms.navigation import tools_for

from . import access


def roles(request):
    user = request.user

    def navigation():
        tools = tools_for(user)
        return {
            "can_invite": access.can_invite(user),
            "can_view_people": access.can_view_people(user),
            # The header's links and the dashboard's "Your work" cards (lms/navigation.py).
            "header_tools": [tool for tool in tools if tool.in_header],
            "staff_tools": [tool for tool in tools if tool.staff],
        }

    return {"himaya_nav": SimpleLazyObject(navigation)}
