def publish_approved(workflow_state, user=None):
    """Publishes content once its review workflow is approved.

    Authors and reviewers have no publish permission of their own: the only way their content
    goes live is through an approved review, so the approval itself is the authority and the
    permission check is skipped here (WAGTAIL_FINISH_WORKFLOW_ACTION)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
