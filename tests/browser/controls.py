"""Driving Gradio's dropdowns the way a user does, and waiting until the option list has gone.

Gradio fades the option list out after a choice. A check that reads the page while it fades (the
contrast audit) sees the options at near-zero opacity, so every choice waits for the list to close.
"""

from __future__ import annotations

NO_OPTION_SHOWN_JS = """() => !Array.from(document.querySelectorAll('[role=option]'))
    .some(option => { const r = option.getBoundingClientRect(); return r.width > 0 && r.height > 0; })"""


def wait_until_the_option_list_has_closed(page) -> None:
    page.wait_for_function(NO_OPTION_SHOWN_JS)


def choose_option(page, elem_id: str, option: str, *, exact: bool = True, typed: str | None = None) -> None:
    """Open the dropdown ``#elem_id`` (typing ``typed`` to filter it, if given) and click ``option``."""
    field = page.locator(f"#{elem_id} input")
    if typed is None:
        field.click()
    else:
        field.fill(typed)
    page.get_by_role("option", name=option, exact=exact).click()
    wait_until_the_option_list_has_closed(page)
