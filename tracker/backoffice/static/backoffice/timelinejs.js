// Draw the story's TimelineJS export (in #timeline-data) with the vendored TimelineJS library.
// Fonts, themes and languages are never fetched: the built-in English texts and the page's
// own fonts are used, so the page stays within the admin's Content-Security-Policy.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const embed = document.getElementById("timeline-embed");
  const data = document.getElementById("timeline-data");
  if (!embed || !data || !window.TL) {
    return;
  }
  const timeline = new window.TL.Timeline(embed, JSON.parse(data.textContent), {
    script_path: embed.dataset.scriptPath,
    language: "en",
    font: null,
    theme: null,
    hash_bookmark: false,
    timenav_position: "bottom",
  });
  // TimelineJS sets the container's classes itself: readiness goes in a data attribute.
  timeline.on("ready", () => {
    embed.dataset.state = "ready";
  });
});
