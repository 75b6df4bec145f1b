/* Elderly mode tools (适老化): text size, a large cursor on desktop, and reading the page aloud with the
   browser's own speech synthesis (nothing leaves the browser). The bar stays hidden without JavaScript;
   the read-aloud buttons stay hidden where the browser has no speech synthesis or no voice, the cursor button where
   there is no mouse. Words shown come from the page (data-* attributes), translated on the server. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-elder-tools]");
  if (!bar) return;
  bar.hidden = false;
  var root = document.documentElement;

  function remember(key, value) {
    try {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
    } catch (error) {
      /* not kept, but applied to this page */
    }
  }

  // Text size: 标准 (the mode's own), 大 (150 %) and 特大 (200 % of the standard site's text).
  var sizeButtons = bar.querySelectorAll("[data-text-size]");
  function showSize() {
    sizeButtons.forEach(function (button) {
      var size = button.getAttribute("data-text-size");
      var chosen = size ? root.classList.contains("text-" + size) : !/\btext-\d+/.test(root.className);
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
  }
  sizeButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-text-size");
      root.classList.remove("text-150", "text-200");
      if (size) root.classList.add("text-" + size);
      remember("elder-text-size", size);
      showSize();
    });
  });
  showSize();

  // Large cursor: offered where there is a mouse (a fine pointer that can hover).
  var cursorButton = bar.querySelector("[data-big-cursor]");
  if (cursorButton && window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches) {
    cursorButton.hidden = false;
    cursorButton.setAttribute("aria-pressed", root.classList.contains("big-cursor") ? "true" : "false");
    cursorButton.addEventListener("click", function () {
      var on = root.classList.toggle("big-cursor");
      cursorButton.setAttribute("aria-pressed", on ? "true" : "false");
      remember("elder-big-cursor", on ? "1" : "");
    });
  }

  // Read aloud: the selected text if there is one, otherwise the main content, in short pieces (long
  // utterances stop early in some browsers), a little slower than the default.
  var synth = window.speechSynthesis;
  var readButton = bar.querySelector("[data-read-aloud]");
  var stopButton = bar.querySelector("[data-read-stop]");
  var status = bar.querySelector("[data-read-status]");
  if (!readButton || !stopButton || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  // Offered once the browser has a voice (the list may arrive a moment after the page).
  function offer() {
    if (synth.getVoices && synth.getVoices().length && stopButton.hidden) readButton.hidden = false;
  }
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);

  function pieces(text) {
    var parts = text.replace(/[ \t\u00a0]+/g, " ").split(/(?<=[。！？!?；;\n])/);
    var out = [];
    parts.forEach(function (part) {
      part = part.trim();
      while (part.length > 120) {
        out.push(part.slice(0, 120));
        part = part.slice(120);
      }
      if (part) out.push(part);
    });
    return out;
  }

  function chineseVoice() {
    var voices = synth.getVoices ? synth.getVoices() : [];
    for (var i = 0; i < voices.length; i++) {
      if (/^zh(-|_)?(CN|Hans)?/i.test(voices[i].lang)) return voices[i];
    }
    return null;
  }

  function reading(on) {
    readButton.hidden = on;
    stopButton.hidden = !on;
    if (status) status.textContent = on ? status.getAttribute("data-reading") : "";
    var shown = on ? stopButton : readButton;
    if (document.activeElement === (on ? readButton : stopButton) || document.activeElement === document.body) {
      shown.focus();
    }
  }

  readButton.addEventListener("click", function () {
    var selection = window.getSelection ? String(window.getSelection()).trim() : "";
    var main = document.getElementById("main");
    var text = selection || (main ? main.innerText : "");
    var queue = pieces(text);
    if (!queue.length) return;
    synth.cancel();
    var voice = chineseVoice();
    queue.forEach(function (piece, index) {
      var utterance = new window.SpeechSynthesisUtterance(piece);
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      if (voice) utterance.voice = voice;
      if (index === queue.length - 1) {
        utterance.onend = function () { reading(false); };
        utterance.onerror = function () { reading(false); };
      }
      synth.speak(utterance);
    });
    reading(true);
  });
  stopButton.addEventListener("click", function () {
    synth.cancel();
    reading(false);
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
