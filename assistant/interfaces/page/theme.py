"""How the page looks: colours with enough contrast, a first screen that fits 1366×768, a phone layout,
the page's language, and the links from an answer's ``[n]`` to its source.

Gradio's Soft theme writes labels, the selected tab and the primary button in indigo-500 on light
indigo or white (3.6:1 to 4.5:1, below the 4.5:1 WCAG asks for text). ``DEEP_INDIGO`` shifts every
shade the theme uses for text and fills two steps darker, keeping the pale shades for backgrounds;
the subdued grey (placeholders, the footer) becomes grey-600. ``tests/browser/test_first_screen.py``
computes the contrast of every text from the rendered colours.
"""

from __future__ import annotations

# The chat's height: the whole first screen (title, tabs, filters, chat, question box and buttons)
# fits in 768 px, and on a phone the chat leaves room for the question box.
CHAT_HEIGHT = "max(260px, calc(100vh - 430px))"


def page_theme():
    import gradio as gr

    deep_indigo = gr.themes.Color(
        name="deep_indigo",
        c50="#eef2ff",
        c100="#e0e7ff",
        c200="#c7d2fe",
        c300="#6366f1",
        c400="#4f46e5",
        c500="#4338ca",
        c600="#3730a3",
        c700="#312e81",
        c800="#262467",
        c900="#1e1b4b",
        c950="#151338",
    )
    return gr.themes.Soft(primary_hue=deep_indigo).set(
        body_text_color_subdued="*neutral_600",
        input_placeholder_color="*neutral_600",
        block_label_text_color="*primary_700",
        block_title_text_color="*primary_700",
        button_primary_background_fill="*primary_500",
        button_primary_background_fill_hover="*primary_600",
        button_primary_text_color="white",
        button_cancel_background_fill="#b91c1c",
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_text_color="white",
    )


CSS = """
#header { align-items: baseline; gap: 4px 16px; flex-wrap: wrap; }
#page-title h2 { margin: 0; font-size: 1.35rem; }
#page-title, #status-line { flex: 1 1 auto; min-width: min(100%, 320px); }
#status-line { font-size: 0.9rem; color: var(--body-text-color); }
#question-buttons { gap: 6px; }
#sources { max-height: calc(100vh - 230px); overflow-y: auto !important; }  /* Gradio's block sets visible */
.src-group { margin-bottom: 10px; }
.src-question { cursor: pointer; font-weight: 600; padding: 4px 0; color: var(--body-text-color); }
.src-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 6px 0 8px; }
.src-card:focus, .src-card.src-target { outline: 3px solid #4338ca; outline-offset: 2px; }
.src-head { font-weight: 600; font-size: 16px; }
.src-num { color: #3730a3; }
.src-meta { font-size: 14px; color: #4b5563; margin: 2px 0 6px; }
.src-passage, .src-window { white-space: pre-wrap; line-height: 1.7; font-size: 16px; color: var(--body-text-color); }
.src-window { max-height: 320px; overflow-y: auto; border-left: 3px solid var(--border-color-accent); padding-left: 8px; }
.src-card mark { background: #ffe58f; color: #1f2937; padding: 0 2px; border-radius: 2px; }
.src-doc summary { cursor: pointer; color: #3730a3; margin-top: 4px; }
.src-empty { color: #4b5563; }
#chat a.cite { color: #3730a3; font-weight: 600; text-decoration: underline; }
/* a phone: the sources follow the question box directly, and no panel scrolls inside the page */
@media (max-width: 720px) {
  #sources { max-height: none; overflow-y: visible !important; }
}
"""

# Runs once in the page's <head>: the page's language is Chinese whatever the browser's locale (Gradio
# writes lang="en" and may set it again), and a click on an answer's [n] opens that answer's source
# group, scrolls to the source card and focuses it.
HEAD = """
<script>
(() => {
  const LANG = "zh-CN";
  const keepLanguage = () => {
    if (document.documentElement.lang !== LANG) document.documentElement.lang = LANG;
  };
  keepLanguage();
  new MutationObserver(keepLanguage).observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href^='#src-']") : null;
    if (!link) return;
    const card = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!card) return;
    event.preventDefault();
    event.stopPropagation();
    const group = card.closest("details.src-group");
    if (group) group.open = true;
    const documentWindow = card.querySelector("details.src-doc");
    if (documentWindow) documentWindow.open = true;
    card.scrollIntoView({block: "start"});
    card.focus({preventScroll: true});
    card.classList.add("src-target");
    setTimeout(() => card.classList.remove("src-target"), 2500);
  }, true);
})();
</script>
"""
