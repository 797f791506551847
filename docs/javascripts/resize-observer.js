/* A browser without ResizeObserver gets the polyfill from this site, not from a CDN.
 *
 * Material for MkDocs 9.8.2 (bundle: `typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill")`)
 * appends a <script> for the CDN's copy to <head>. The site's Content-Security-Policy blocks every other
 * host, so such a browser got page errors and no layout updates. Here, only when ResizeObserver is missing,
 * that one script element is pointed at the vendored copy (assets/vendor/resize-observer-polyfill/, see
 * SOURCE.txt there) as it is appended. Runs before Material's bundle (extra.javascript_before_theme).
 *
 * Re-check on a Material upgrade: tests/browser/test_browser_load.py deletes ResizeObserver and expects no
 * page error and no request to another host.
 */
(function () {
  "use strict";
  if (typeof ResizeObserver !== "undefined") return;
  var CDN = /^https?:\/\/unpkg\.com\/resize-observer-polyfill(?:[@/?#]|$)/;
  var script = document.currentScript;
  // this script is served from <site>/javascripts/ (as part of the site's one script file)
  var local = new URL("../assets/vendor/resize-observer-polyfill/ResizeObserver.js", script ? script.src : location.href).href;
  var appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) {
    if (child instanceof HTMLScriptElement && CDN.test(child.src)) child.src = local;
    return appendChild.apply(this, arguments);
  };
})();
