/* Checklists that can be ticked and remember it (pymdownx.tasklist with clickable_checkbox: true).
 *
 * Each box's state is kept in this browser's localStorage, under the page's path and the item's text, so
 * a reader who comes back (or reloads, or opens the offline copy again) finds the boxes as left. Nothing
 * is sent anywhere. A 「清空勾选」 button after each list clears it. Where storage is unavailable (some
 * private modes), the boxes still tick but are not remembered.
 */
(function () {
  "use strict";
  var PREFIX = "上门催收明白纸:checklist:";
  var lists = [];
  document.querySelectorAll(".md-content .task-list-item").forEach(function (item) {
    var list = item.parentElement;
    if (list && lists.indexOf(list) < 0 && !list.parentElement.closest(".task-list-item")) lists.push(list);
  });
  if (!lists.length) return;

  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(PREFIX + "probe", "1");
    storage.removeItem(PREFIX + "probe");
  } catch (err) {
    storage = null;
  }

  function keyOf(box) {
    var item = box.closest(".task-list-item");
    var label = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
    return PREFIX + location.pathname + "#" + label;
  }

  lists.forEach(function (list) {
    var boxes = Array.prototype.slice.call(list.querySelectorAll(".task-list-item input[type=checkbox]"));
    boxes.forEach(function (box) {
      box.disabled = false;
      if (storage && storage.getItem(keyOf(box)) === "1") box.checked = true;
      box.addEventListener("change", function () {
        if (!storage) return;
        if (box.checked) storage.setItem(keyOf(box), "1");
        else storage.removeItem(keyOf(box));
      });
    });

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button checklist-reset";
    reset.textContent = "清空勾选";
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        if (storage) storage.removeItem(keyOf(box));
      });
      if (boxes.length) boxes[0].focus();
    });
    list.insertAdjacentElement("afterend", reset);
  });
})();
