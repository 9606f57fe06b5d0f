from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: accounts are created by invitation only."""

    def is_open_for_signup(self, request):
        return False
