/* Citations that get out of the way (a.lawcite, made by the citation layer: href = the article in the law
 * appendix, title = the article's text, which Material shows as a tooltip on hover and keyboard focus).
 *
 * 1. The article number of each citation (from its first 第: 第一千零三十三条第（二）项) is wrapped in
 *    span.lawcite-num, which CSS keeps on one line. (Done here rather than at build time: the citation
 *    checker reads the built HTML too, and a tag between 《name》 and 第…条 hides the citation from it.)
 * 2. On a touch screen the first tap on a citation does not leave the page: it opens a small dialog with
 *    the same text as the tooltip (read from the link's title), a link to the article in the appendix and
 *    a close button. Esc, the button or a tap outside close it; focus moves into the dialog and back to the
 *    citation. A mouse click or the Enter key still follows the link at once.
 */
(function () {
  "use strict";
  var CITATION = "a.lawcite";
  var links = document.querySelectorAll(".md-content " + CITATION);
  if (!links.length) return;

  var texts = new WeakMap();  // the title, kept before Material moves it into a tooltip

  links.forEach(function (link) {
    texts.set(link, link.getAttribute("title") || "");
    var text = link.firstChild;
    if (link.childNodes.length !== 1 || !text || text.nodeType !== Node.TEXT_NODE) return;
    var at = text.data.indexOf("第");
    if (at < 0) return;
    var number = document.createElement("span");
    number.className = "lawcite-num";
    number.textContent = text.data.slice(at);
    text.data = text.data.slice(0, at);
    link.appendChild(number);
    if (!text.data) link.removeChild(text);
  });

  var dialog = null;
  var opener = null;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "cite-preview";
    dialog.setAttribute("aria-labelledby", "cite-preview-title");
    dialog.setAttribute("aria-describedby", "cite-preview-text");
    dialog.innerHTML =
      '<div class="cite-preview__body md-typeset">' +
      '<h2 class="cite-preview__title" id="cite-preview-title" tabindex="-1"></h2>' +
      '<p class="cite-preview__text" id="cite-preview-text"></p>' +
      '<p class="cite-preview__actions">' +
      '<a class="cite-preview__link md-button md-button--primary"></a>' +
      '<button type="button" class="cite-preview__close md-button">关闭</button>' +
      "</p></div>";
    dialog.querySelector(".cite-preview__close").addEventListener("click", function () { dialog.close(); });
    // A tap on the backdrop lands on the dialog element itself (the body covers the dialog's own box).
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("close", function () {
      if (opener && document.contains(opener)) {
        opener.focus();
        quietTooltip(opener);
      }
      opener = null;
    });
    document.body.appendChild(dialog);
  }

  // Focus goes back to the citation when the preview closes, and Material would then show the same text
  // again as a tooltip under it. That tooltip (found through the link's aria-describedby, which keeps
  // describing the link) is hidden until the citation loses focus.
  function quietTooltip(link) {
    function hide() {
      var tooltip = document.getElementById(link.getAttribute("aria-describedby") || "");
      if (tooltip && tooltip.classList.contains("md-tooltip2")) tooltip.hidden = true;
    }
    var watch = new MutationObserver(hide);
    watch.observe(link, { attributes: true, attributeFilter: ["aria-describedby"] });
    link.addEventListener("blur", function () { watch.disconnect(); }, { once: true });
    hide();
  }

  function articleText(link) {
    var text = texts.get(link) || link.getAttribute("title");
    if (!text) {
      var tooltip = document.getElementById(link.getAttribute("aria-describedby") || "");
      text = tooltip ? tooltip.textContent : "";
    }
    return (text || "").trim();
  }

  function show(link) {
    if (!dialog) build();
    var text = articleText(link);
    var colon = text.indexOf("：");
    var heading = colon > 0 ? text.slice(0, colon) : link.textContent;
    dialog.querySelector(".cite-preview__title").textContent = heading;
    dialog.querySelector(".cite-preview__text").textContent = colon > 0 ? text.slice(colon + 1) : text;
    var more = dialog.querySelector(".cite-preview__link");
    more.href = link.href;
    more.textContent = "到法条附录看全文";
    opener = link;
    dialog.showModal();
    dialog.querySelector(".cite-preview__title").focus();
  }

  // The pointer that started the current tap or click: "touch", "pen", "mouse", or "" for the keyboard.
  var pointer = "";
  document.addEventListener("pointerdown", function (event) { pointer = event.pointerType; }, true);
  document.addEventListener("keydown", function () { pointer = ""; }, true);

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(CITATION) : null;
    if (!link || !link.closest(".md-content") || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var type = typeof event.pointerType === "string" && event.pointerType ? event.pointerType : pointer;
    if (type !== "touch" && type !== "pen") return;
    event.preventDefault();
    show(link);
  });
})();
