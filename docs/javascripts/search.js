/* Search that shows answers, not machinery: no zero-width spaces in the results (Material for MkDocs 9.8.2).
 *
 * For Chinese, Material's search plugin separates the words of the index with U+200B (jieba segmentation)
 * and the result list shows that text as it is, so the invisible characters end up in what a reader copies
 * or a screen reader reads. The index needs them (the worker splits words on them); they are removed from
 * the result list only, as Material adds results to it. (What is searched for is search-query.js's job.)
 *
 * Re-check on a Material upgrade: tests/browser/test_browser_search.py (results text).
 */
(function () {
  "use strict";
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
