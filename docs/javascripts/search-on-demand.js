/* The search index is downloaded when the reader first opens search, not on every page load.
 *
 * Material for MkDocs 9.8.2 requests search/search_index.json as soon as any page loads when the site is
 * served over http(s): bundle.ts (fetchSearchIndex) creates the request and the search worker setup
 * (integrations/search/worker: setupSearchWorker) waits for the search toggle only under file://. No
 * setting changes that. This script, loaded in <head> before Material's bundle (overrides/main.html,
 * block libs), holds back that one XMLHttpRequest and sends it when the search box first gets focus or
 * the search toggle opens (or at once on a page opened from a search result, `?h=…`, whose words
 * Material highlights from the index). Every other request is untouched.
 *
 * Re-check on a Material upgrade: tests/browser/test_browser_search.py fails when the index is fetched
 * before search is opened, and when search stops working.
 */
(function () {
  "use strict";
  var INDEX_PATH = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var abort = XMLHttpRequest.prototype.abort;
  var held = [];
  var released = new URLSearchParams(location.search).has("h");

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (start) { start(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.__searchIndex = INDEX_PATH.test(new URL(String(url), location.href).pathname);
    } catch (err) {
      this.__searchIndex = false;
    }
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.__searchIndex && !released) {
      var request = this;
      var args = arguments;
      request.__start = function () { send.apply(request, args); };
      held.push(request.__start);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  XMLHttpRequest.prototype.abort = function () {
    var at = held.indexOf(this.__start);
    if (at >= 0) held.splice(at, 1);
    return abort.apply(this, arguments);
  };

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches("[data-md-component=search-query]")) release();
  }, true);
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.matches("[data-md-toggle=search]") && target.checked) release();
  }, true);
})();
