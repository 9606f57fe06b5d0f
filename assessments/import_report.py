"""What an import of questions does, in words: the summary `import_questions` prints (for a dry
run and a real one alike) from a `services.ImportPlan`. The admin page shows the same plan in
its template."""

# A file's first problems say what is wrong with it; thousands of lines would bury them. The
# command and the admin page show this many and then the count of the rest.
MAX_PROBLEMS_SHOWN = 100


def _codes(codes: list[str]) -> str:
    return ", ".join(codes)


def change_line(change) -> str:
    """One scenario's change, e.g. ``SCN-LI-001: updated; questions added: Q5; removed: Q3``."""
    if change.new:
        count = len(change.added)
        parts = [f"new, {count} question{'s' if count != 1 else ''} ({_codes(change.added)})"]
    elif change.unchanged:
        parts = ["unchanged"]
    else:
        parts = ["updated"]
        if change.fields:
            parts.append(f"fields changed: {_codes(change.fields)}")
        if change.added:
            parts.append(f"questions added: {_codes(change.added)}")
        if change.changed:
            parts.append(f"questions changed: {_codes(change.changed)}")
        if change.removed:
            parts.append(f"questions REMOVED: {_codes(change.removed)}")
        if change.removed_options:
            parts.append(f"options REMOVED: {_codes(change.removed_options)}")
    if change.untranslated:
        count = change.untranslated
        parts.append(
            f"needs translation ({count} text{'s' if count != 1 else ''} in one language): "
            "imported as a draft"
        )
    return f"{change.code}: " + "; ".join(parts)


def summary_lines(plan) -> list[str]:
    """Every scenario's change, then the skipped questions and the notes, each with its line."""
    lines = [change_line(change) for change in plan.changes]
    if plan.reading.skipped:
        lines.append(f"Skipped {len(plan.reading.skipped)} unsupported question(s):")
        lines.extend(f"  {problem}" for problem in plan.reading.skipped)
    if plan.reading.notes:
        lines.append("Notes:")
        lines.extend(f"  {note}" for note in plan.reading.notes)
    return lines


def warning_lines(plan) -> list[str]:
    """The item-writing check's warnings on what the import will save (the first 100, then the
    count): advice to the author, never a reason to refuse the file (assessments.item_writing).
    The command writes them to standard error, apart from the summary."""
    warnings = plan.item_warnings
    if not warnings:
        return []
    lines = [f"Item-writing warnings ({len(warnings)}):"]
    lines.extend(f"  {warning.where}: {warning.message}" for warning in warnings[:100])
    if len(warnings) > 100:
        lines.append(f"  … and {len(warnings) - 100} more")
    return lines
