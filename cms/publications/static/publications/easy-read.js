// Easy-read pages: "Listen" (the browser's speech synthesis) and hard-word explanations
// that can be dismissed with Escape. Without this script the page still works: the Listen
// button stays hidden and explanations show on hover and focus through CSS alone.

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

function initHardWords(root) {
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const word = event.target.closest(".hub-hard-word");
    if (word) word.classList.add("hub-hard-word--dismissed");
  });
  root.querySelectorAll(".hub-hard-word").forEach((word) => {
    const reset = () => word.classList.remove("hub-hard-word--dismissed");
    word.addEventListener("focusout", reset);
    word.addEventListener("mouseleave", reset);
  });
}

document.querySelectorAll("[data-module='hub-listen']").forEach(initListen);
document.querySelectorAll("[data-module='hub-easy-read']").forEach(initHardWords);
