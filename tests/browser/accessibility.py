"""Checks the elderly-mode, matrix and keyboard tests share (JavaScript run in the page)."""

# Content wider than the window (the page scrolls sideways) or cut off by a box that hides its overflow.
# Scrolling containers (wide data tables, the map) may hold wider content: WCAG 1.4.10 lets them.
LAYOUT_PROBLEMS = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  }
  const inScroller = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (/(auto|scroll)/.test(style.overflowX) || up.classList.contains("leaflet-container")) return true;
    }
    return false;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    ` “${(el.innerText || "").trim().slice(0, 30)}”`;
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".visually-hidden, .skip-link, [hidden], script, style, svg")) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.position === "fixed") continue;
    if (rect.right > width + 1 && !inScroller(el)) problems.push(`beyond the right edge (${Math.round(rect.right)} px): ${describe(el)}`);
    if (/(hidden|clip)/.test(style.overflowX + style.overflowY) && !el.classList.contains("leaflet-container") &&
        el.children.length === 0 && el.innerText && el.innerText.trim() &&
        (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`text cut off: ${describe(el)}`);
    }
  }
  return problems.slice(0, 10);
}
"""

# Content that moves or times out: running animations, marquees, automatic refresh, autoplaying media.
MOVING_CONTENT = """
() => {
  const found = [];
  const running = document.getAnimations().filter((a) => a.playState === "running" &&
    (a.effect && a.effect.getComputedTiming().endTime === Infinity));
  if (running.length) found.push(`${running.length} endless animation(s)`);
  if (document.querySelector("marquee, blink")) found.push("marquee");
  if (document.querySelector("meta[http-equiv='refresh' i]")) found.push("automatic refresh");
  if (document.querySelector("video[autoplay], audio[autoplay]")) found.push("autoplaying media");
  return found;
}
"""

# Every element a keyboard user should reach, in document order, each tagged with its position.
MARK_FOCUSABLE = """
() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex]";
  const out = [];
  let index = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.closest("[inert], [hidden]")) continue;
    if (el.hasAttribute("tabindex") && el.tabIndex < 0) continue;
    const closed = el.parentElement && el.parentElement.closest("details:not([open])");
    if (closed && !(el.tagName === "SUMMARY" && el.parentElement === closed) && !el.checkVisibility()) continue;
    if (!el.checkVisibility({ visibilityProperty: true }) && !el.classList.contains("skip-link")) continue;
    const rect = el.getBoundingClientRect();
    if ((!rect.width || !rect.height) && !el.classList.contains("skip-link")) continue;
    // Radio buttons of one group are one tab stop (arrow keys move within it): keep the first or the checked.
    if (el.type === "radio") {
      const group = el.form ? el.form.querySelectorAll(`input[type=radio][name="${el.name}"]`) : [el];
      const stop = Array.from(group).find((r) => r.checked) || group[0];
      if (stop !== el) continue;
    }
    el.dataset.kb = String(index++);
    out.push((el.innerText || el.value || el.getAttribute("aria-label") || el.tagName).trim().slice(0, 30));
  }
  if (Array.from(document.querySelectorAll("[tabindex]")).some((el) => el.tabIndex > 0)) out.unshift("POSITIVE_TABINDEX");
  return out;
}
"""

# Where the focus is now, and whether it is visible there: a ring (outline or box shadow) inside the window.
FOCUS_STATE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) ||
    (style.boxShadow && style.boxShadow !== "none");
  const rect = el.getBoundingClientRect();
  const inside = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight &&
    rect.right > 0 && rect.left < window.innerWidth;
  return { kb: el.dataset.kb === undefined ? null : Number(el.dataset.kb), ring, inside,
           what: el.tagName.toLowerCase() + " " + (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 30) };
}
"""


def keyboard_problems(page, limit=400):
    """Tab from the top of the page to its end: every link, button and field is reached, in document order
    (no positive tabindex, no element skipped or reached twice), each showing a focus ring in the window."""
    expected = page.evaluate(MARK_FOCUSABLE)
    problems = []
    if expected and expected[0] == "POSITIVE_TABINDEX":
        problems.append("a positive tabindex changes the order")
        expected = expected[1:]
    # Start from the top of the page (a field that took focus on load would otherwise be the start).
    page.evaluate("""() => {
      const start = document.createElement("span");
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus();
      window.scrollTo(0, 0);
    }""")
    reached = []
    first_step = True
    for _ in range(min(limit, len(expected) + 20)):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break
        if first_step:
            page.evaluate("document.body.firstElementChild.tabIndex === -1 && document.body.firstElementChild.remove()")
            first_step = False
        if state["kb"] is None:
            problems.append(f"focus on an element outside the page's order: {state['what']}")
            continue
        if reached and state["kb"] <= reached[-1]:
            break  # wrapped around (or went back): the end of the page
        reached.append(state["kb"])
        if not state["ring"]:
            problems.append(f"no visible focus ring on {state['what']}")
        if not state["inside"]:
            problems.append(f"focused outside the window: {state['what']}")
    skipped = [expected[i] for i in range(len(expected)) if i not in set(reached)]
    if skipped:
        problems.append(f"never reached by Tab: {skipped[:8]}")
    if reached != sorted(reached):
        problems.append("tab order differs from the document order")
    return problems, len(expected)
