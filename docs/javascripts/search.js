/* Search that shows answers, not machinery: two fixes to Material for MkDocs 9.8.2's search in Chinese.
 *
 * 1. Short queries searched as typed. Material's worker cuts a Chinese query into the words of the index
 *    (integrations/search/query/segment), but its loop never tries a word that ends with the query's
 *    last character: 下载 is searched as 下*, 我们 as 我*, 打印 as 打*, so pages rank on one character.
 *    One rare character (U+3400) added after a short run of Chinese (up to SHORT_RUN characters) gives
 *    the loop that last step; it is never a word of the index, so it is never searched for itself.
 *    Longer runs (whole questions, which mostly end in 吗 or 呢) are left to Material as they are: in
 *    the project's reader questions, completing them too ranked the answering page lower as often as
 *    higher. The query goes to the worker as a message {type: 2 (QUERY), data: text}; only that
 *    message is changed, and the search box keeps what the reader typed.
 * 2. No zero-width spaces in the results. For Chinese, Material's search plugin separates the words of the
 *    index with U+200B (jieba segmentation) and the result list shows that text as it is, so the invisible
 *    characters end up in what a reader copies or a screen reader reads. The index needs them (the worker
 *    splits words on them); they are removed from the result list only, as Material adds results to it.
 *
 * Re-check on a Material upgrade: tests/browser/test_browser_search.py (queries, results text).
 */
(function () {
  "use strict";
  var QUERY = 2;
  var END_OF_RUN = "\u3400";
  var HAN_RUN = /\p{Script=Han}+/gu;
  var SHORT_RUN = 4;

  if (window.Worker && !window.Worker.prototype.__searchQueryFix) {
    var post = window.Worker.prototype.postMessage;
    window.Worker.prototype.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        var fixed = { type: QUERY, data: message.data.replace(HAN_RUN, function (run) {
          return run.length <= SHORT_RUN ? run + END_OF_RUN : run;
        }) };
        return post.apply(this, [fixed].concat(Array.prototype.slice.call(arguments, 1)));
      }
      return post.apply(this, arguments);
    };
    window.Worker.prototype.__searchQueryFix = true;
  }

  var ZERO_WIDTH = /\u200b/g;
  var list = document.querySelector(".md-search-result__list");
  if (!list) return;

  function cleanText(node) {
    if (node.data.indexOf("\u200b") >= 0) node.data = node.data.replace(ZERO_WIDTH, "");
  }

  function clean(node) {
    if (node.nodeType === Node.TEXT_NODE) return cleanText(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (var text = walker.nextNode(); text; text = walker.nextNode()) cleanText(text);
  }

  // Changing text nodes is not a childList mutation: the observer does not see its own edits.
  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(clean); });
  }).observe(list, { childList: true, subtree: true });
})();
