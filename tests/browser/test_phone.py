"""The page 400 px wide: every tab in sight (no overflow menu), the sources straight after the answer
and the question box, and chart labels that do not overlap."""

from __future__ import annotations

import pytest

from tests.browser.test_first_screen import ask_with_enter

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Each axis label's box as drawn (its rotation included): the four corners of getBBox() through the
# element's screen transform. Two convex boxes overlap unless some edge normal separates them.
LABEL_OVERLAPS_JS = r"""
() => {
  const boxes = [...document.querySelectorAll("#indicator-chart svg .role-axis-label text")].map(t => {
    const b = t.getBBox(), m = t.getScreenCTM();
    const corner = (x, y) => ({x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f});
    return {text: t.textContent, points: [corner(b.x, b.y), corner(b.x + b.width, b.y),
            corner(b.x + b.width, b.y + b.height), corner(b.x, b.y + b.height)]};
  });
  function separated(a, b) {
    for (const poly of [a, b]) {
      for (let i = 0; i < 4; i++) {
        const p = poly[i], q = poly[(i + 1) % 4];
        const normal = {x: q.y - p.y, y: p.x - q.x};
        const project = pts => pts.map(v => v.x * normal.x + v.y * normal.y);
        const pa = project(a), pb = project(b);
        if (Math.max(...pa) <= Math.min(...pb) + 0.5 || Math.max(...pb) <= Math.min(...pa) + 0.5) return true;
      }
    }
    return false;
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (!separated(boxes[i].points, boxes[j].points)) overlaps.push([boxes[i].text, boxes[j].text]);
  return {labels: boxes.map(b => b.text), overlaps};
}
"""


def test_every_tab_is_in_sight_without_a_menu(phone):
    tab = phone.get_by_role("tab", name="指标 Indicators")
    assert tab.is_visible()
    box = tab.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 400
    assert phone.locator("#tabs .overflow-menu, #tabs button.overflow-dropdown, #tabs [aria-haspopup]").filter(
        visible=True
    ).count() == 0
    tab.click()
    phone.locator("#indicator-table").wait_for()


def test_the_sources_come_right_after_the_answer(phone):
    ask_with_enter(phone, "赣州2024年GDP增长目标是多少？")
    chat = phone.locator("#chat").bounding_box()
    buttons = phone.locator("#question-buttons").bounding_box()
    sources = phone.locator("#sources-column").bounding_box()
    examples = phone.get_by_text("示例问题 Examples").bounding_box()
    assert chat["y"] + chat["height"] <= sources["y"]
    assert sources["y"] - (buttons["y"] + buttons["height"]) < 80  # only the question box and its buttons between
    assert sources["y"] - (chat["y"] + chat["height"]) < 260
    assert examples["y"] > sources["y"]  # the examples come after the sources, not between
    assert "赣州" in phone.locator("#sources .src-card").first.inner_text()


def test_chart_labels_do_not_overlap(phone):
    phone.get_by_role("tab", name="指标 Indicators").click()
    phone.locator("#indicator-chart [role='graphics-symbol']").first.wait_for()
    phone.wait_for_timeout(500)
    result = phone.evaluate(LABEL_OVERLAPS_JS)
    assert {"赣州市", "萍乡市", "景德镇市珠山区"} <= set(result["labels"])
    assert result["overlaps"] == []
