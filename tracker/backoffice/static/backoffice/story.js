// The story page: a link to a development or a section inside a closed <details> opens it
// first, so the page lands on what the address names (after a save, or from the jump list).
"use strict";
(() => {
  const reveal = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) {
      return;
    }
    for (let node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
      }
    }
    target.scrollIntoView();
  };
  window.addEventListener("hashchange", reveal);
  document.addEventListener("DOMContentLoaded", reveal);
})();
