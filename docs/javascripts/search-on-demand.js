/* The search index and the search worker are downloaded when the reader first opens search, not on every
 * page load.
 *
 * Material for MkDocs 9.8.2 requests search/search_index.json as soon as any page loads when the site is
 * served over http(s): bundle.ts (fetchSearchIndex) creates the request and the search worker setup
 * (integrations/search/worker: setupSearchWorker) waits for the search toggle only under file://. No
 * setting changes that. This script, loaded in <head> before Material's bundle (overrides/main.html,
 * block libs), holds back that one XMLHttpRequest and sends it when the search box first gets focus or
 * the search toggle opens (or at once on a page opened from a search result, `?h=…`, whose words
 * Material highlights from the index). Every other request is untouched.
 *
 * The worker likewise: Material's bundle calls `new Worker(config.search)` as it starts (Mn in the 9.8.2
 * bundle), which fetches the worker script (~ 15 KB compressed) on every page. Here `Worker` is wrapped:
 * for the search worker's URL it returns a stand-in that keeps Material's messages and listeners and
 * starts the real worker on the same signal as the index. Material only uses postMessage and the
 * "message" event of its worker, which the stand-in forwards both ways. The wrapped Worker keeps the real
 * one's prototype, so search-query.js patches the real worker's postMessage as before.
 *
 * Re-check on a Material upgrade: tests/browser/test_browser_search.py fails when the index is fetched
 * before search is opened, and when search stops working; tests/browser/test_browser_load.py when the
 * worker is.
 */
(function () {
  "use strict";
  var INDEX_PATH = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var abort = XMLHttpRequest.prototype.abort;
  var held = [];
  var released = new URLSearchParams(location.search).has("h");
  var config = document.getElementById("__config");
  var RealWorker = window.Worker;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (start) { start(); });
  }

  function isSearchWorker(url) {
    try {
      var worker = JSON.parse(config ? config.textContent : "{}").search;
      return Boolean(worker) && new URL(String(url), location.href).pathname === new URL(worker, location.href).pathname;
    } catch (err) {
      return false;
    }
  }

  // A worker that starts when search is released; until then its messages wait.
  function standIn(url, options) {
    var target = new EventTarget();
    var queue = [];
    var real = null;
    target.postMessage = function (message) {
      if (real) real.postMessage(message);
      else queue.push(message);
    };
    target.terminate = function () {
      if (real) real.terminate();
      queue = [];
      held.splice(held.indexOf(start) >>> 0, 1);
    };
    function start() {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        target.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      real.addEventListener("error", function () { target.dispatchEvent(new Event("error")); });
      queue.splice(0).forEach(function (message) { real.postMessage(message); });
    }
    held.push(start);
    return target;
  }

  if (RealWorker) {
    var LazyWorker = function (url, options) {
      if (released || !isSearchWorker(url)) return new RealWorker(url, options);
      return standIn(url, options);
    };
    LazyWorker.prototype = RealWorker.prototype;
    window.Worker = LazyWorker;
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
