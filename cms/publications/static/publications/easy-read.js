// Easy-read pages: "Listen" (the browser's speech synthesis) and hard-word explanations that
// stay on the screen and close with Escape. Without this script the page still works: the
// Listen button stays hidden and explanations show on hover and focus through CSS alone.

function listenText(target) {
  return Array.from(target.querySelectorAll("[data-listen]"))
    .map((element) => {
      const copy = element.cloneNode(true);
      copy.querySelectorAll(".hub-hard-word__meaning").forEach((meaning) => meaning.remove());
      return copy.textContent.trim();
    })
    .join("\n");
}

function initListen(button) {
  if (!("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  const target = document.querySelector(button.dataset.listenTarget);
  if (!target) return;
  const label = button.textContent;
  const stop = () => {
    window.speechSynthesis.cancel();
    button.textContent = label;
    button.setAttribute("aria-pressed", "false");
  };
  button.setAttribute("aria-pressed", "false");
  button.addEventListener("click", () => {
    if (button.getAttribute("aria-pressed") === "true") {
      stop();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(listenText(target));
    utterance.lang = document.documentElement.lang || "en-GB";
    utterance.rate = 0.9;
    utterance.addEventListener("end", stop);
    utterance.addEventListener("error", stop);
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    button.textContent = "Stop";
    button.setAttribute("aria-pressed", "true");
  });
  button.hidden = false;
}

const EDGE = 10; // px kept clear between an explanation and the side of the screen

// Move a shown explanation sideways so it stays on the screen, whatever the word's place.
function keepOnScreen(word) {
  const meaning = word.querySelector(".hub-hard-word__meaning");
  if (!meaning) return;
  word.style.setProperty("--hub-meaning-shift", "0px");
  const box = meaning.getBoundingClientRect();
  if (box.width === 0) return; // not shown
  const screenWidth = document.documentElement.clientWidth;
  const overRight = box.right - (screenWidth - EDGE);
  const overLeft = EDGE - box.left;
  const shift = overRight > 0 ? -Math.min(overRight, box.left - EDGE) : Math.max(overLeft, 0);
  word.style.setProperty("--hub-meaning-shift", `${shift}px`);
}

function initHardWords(root) {
  const words = root.querySelectorAll(".hub-hard-word");
  // Escape hides whichever explanation is showing, opened by pointer or by keyboard.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    words.forEach((word) => {
      if (word.matches(":hover") || word.contains(document.activeElement)) {
        word.classList.add("hub-hard-word--dismissed");
      }
    });
  });
  words.forEach((word) => {
    const reset = () => word.classList.remove("hub-hard-word--dismissed");
    const show = () => keepOnScreen(word);
    word.addEventListener("focusout", reset);
    word.addEventListener("mouseleave", reset);
    word.addEventListener("focusin", show);
    word.addEventListener("mouseenter", show);
  });
}

document.querySelectorAll("[data-module='hub-listen']").forEach(initListen);
document.querySelectorAll("[data-module='hub-easy-read']").forEach(initHardWords);
