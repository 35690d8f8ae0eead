"""Accessibility checks computed in the browser from what is rendered: WCAG contrast and labels.

``contrast_failures(page)`` walks every visible element that holds text (and every text field's value
and placeholder) and computes the WCAG 2.x contrast ratio between its text colour and the colour
behind it: the backgrounds of the element and its ancestors, composited over white from the outermost
inwards, with the text colour's alpha and the ancestors' opacity applied. A gradient behind the text (Gradio draws the wrapped tab rows' rules
with one) counts with each of its colour stops: the lowest ratio is the one reported. Relative
luminance and the
ratio follow the WCAG definitions (sRGB channels linearised with the 0.03928 threshold;
(L1 + 0.05) / (L2 + 0.05)).
"""

from __future__ import annotations

CONTRAST_JS = r"""
(minimum) => {
  const canvas = document.createElement("canvas").getContext("2d");
  function rgba(text) {
    // any CSS colour the browser computes (rgb(), color(srgb ...), oklch() ...) -> [r, g, b, a] in 0..255
    const m = /^rgba?\(([^)]+)\)$/.exec(text.trim());
    if (m) {
      const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    const c = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(text.trim());
    if (c) return [c[1] * 255, c[2] * 255, c[3] * 255, c[4] === undefined ? 1 : Number(c[4])];
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = "#000"; canvas.fillStyle = text; canvas.fillRect(0, 0, 1, 1);
    const d = canvas.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  function over(top, bottom) {  // top composited over an opaque bottom
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function luminance(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function ratio(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  const STOP = /rgba?\([^)]*\)|color\(srgb[^)]*\)/g;
  function backdrops(element) {
    // the colours that may be behind the element's text: its solid backgrounds composited, and that
    // with each colour stop of any gradient above the first opaque background
    const solid = [], stops = [];
    let opacity = 1, opaque = false;
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      opacity *= Number(style.opacity);
      if (opaque) continue;
      if (style.backgroundImage && style.backgroundImage.includes("gradient")) stops.push(...(style.backgroundImage.match(STOP) || []).map(rgba));
      const bg = rgba(style.backgroundColor);
      if (bg[3] > 0) solid.push(bg);
      if (bg[3] >= 1) opaque = true;
    }
    let base = [255, 255, 255, 1];
    for (const layer of solid.reverse()) base = over(layer, base);
    return {colours: [base, ...stops.map(stop => over(stop, base))], opacity};
  }
  function visible(e) {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(e);
    return s.visibility === "visible" && s.display !== "none" && Number(s.opacity) > 0 && e.closest("[hidden], [aria-hidden=true]") === null;
  }
  const failures = [];
  let checked = 0;
  function check(element, colourText, what) {
    const {colours, opacity} = backdrops(element);
    const fg = rgba(colourText);
    let worst = null;
    for (const back of colours) {
      const value = ratio(over([fg[0], fg[1], fg[2], fg[3] * opacity], back), back);
      if (worst === null || value < worst.value) worst = {value, back};
    }
    checked += 1;
    if (worst.value < minimum) failures.push({what, ratio: Math.round(worst.value * 100) / 100, colour: colourText,
      background: "rgb(" + worst.back.slice(0, 3).map(Math.round).join(",") + ")",
      id: (element.closest("[id]") || {}).id || "", tag: element.tagName.toLowerCase()});
  }
  for (const element of document.body.querySelectorAll("*")) {
    if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG"].includes(element.tagName) || element.closest("svg")) continue;
    const own = Array.from(element.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(" ");
    if (own && visible(element)) check(element, getComputedStyle(element).color, own.slice(0, 60));
    if ((element.tagName === "INPUT" || element.tagName === "TEXTAREA") && visible(element) && element.type !== "file") {
      if (element.value) check(element, getComputedStyle(element).color, "value: " + element.value.slice(0, 40));
      else if (element.placeholder) check(element, getComputedStyle(element, "::placeholder").color, "placeholder: " + element.placeholder.slice(0, 40));
    }
  }
  return {checked, failures};
}
"""

UNLABELLED_JS = r"""
() => {
  function name(e) {
    const label = e.getAttribute("aria-label");
    if (label && label.trim()) return label.trim();
    const by = e.getAttribute("aria-labelledby");
    if (by) { const t = by.split(/\s+/).map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim(); if (t) return t; }
    if (e.id) { const l = document.querySelector(`label[for="${CSS.escape(e.id)}"]`); if (l && l.textContent.trim()) return l.textContent.trim(); }
    const wrapping = e.closest("label");
    if (wrapping && wrapping.textContent.trim()) return wrapping.textContent.trim();
    if (["BUTTON", "A", "SUMMARY"].includes(e.tagName) || ["button", "tab", "option", "link"].includes(e.getAttribute("role"))) {
      if (e.textContent.trim()) return e.textContent.trim();
    }
    if (e.title && e.title.trim()) return e.title.trim();
    return "";
  }
  const controls = document.querySelectorAll("input, textarea, select, button, [role=button], [role=tab], [role=combobox], [role=listbox], summary, a[href]");
  const missing = [];
  let checked = 0;
  for (const e of controls) {
    const r = e.getBoundingClientRect();
    const hiddenFile = e.type === "file";  // the drop zone around it is the labelled control
    if (hiddenFile || e.type === "hidden") continue;
    if ((r.width < 1 || r.height < 1) && e.tagName !== "INPUT") continue;
    checked += 1;
    if (!name(e)) missing.push({tag: e.tagName.toLowerCase(), type: e.type || "", id: (e.closest("[id]") || {}).id || "", cls: e.className && String(e.className).slice(0, 60), html: e.outerHTML.slice(0, 160)});
  }
  return {checked, missing};
}
"""


def contrast_failures(page, minimum: float = 4.5) -> tuple[int, list[dict]]:
    """(texts checked, those whose contrast is below ``minimum``)."""
    result = page.evaluate(CONTRAST_JS, minimum)
    return result["checked"], result["failures"]


def unlabelled_controls(page) -> tuple[int, list[dict]]:
    """(controls checked, those without an accessible name)."""
    result = page.evaluate(UNLABELLED_JS)
    return result["checked"], result["missing"]
