// Progressive enhancement for Tailor's forms. Every form works without this file; with it:
// error-summary links focus their field, repeating rows are added and removed in place, and the
// manager's review shows only the fields a decision needs. No inline code anywhere (CSP).
(function () {
  'use strict';

  // Error summary: a link moves focus to its field and scrolls its label (or legend) into view.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-focus-target]');
    if (!link) return;
    var field = document.getElementById(link.getAttribute('data-focus-target'));
    if (!field) return;
    event.preventDefault();
    var fieldset = field.closest('fieldset');
    var label = document.querySelector('label[for="' + field.id + '"]');
    var heading = (fieldset && fieldset.querySelector('legend')) || label || field;
    heading.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // Repeating rows (a participant's task list, a manager's added tasks).
  var INDEXED = /([.\-:])(\d+)(?=$|[.\-])/g;

  function renumber(row, index) {
    var old = row.getAttribute('data-row');
    if (old === String(index)) return;
    var swap = function (value) {
      return value.replace(INDEXED, function (match, sep, n) { return n === old ? sep + index : match; });
    };
    var elements = [row].concat(Array.prototype.slice.call(row.querySelectorAll('[name], [id], [for], [aria-describedby], [data-remove-row]')));
    elements.forEach(function (el) {
      ['name', 'id', 'for', 'aria-describedby'].forEach(function (attr) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, swap(el.getAttribute(attr)));
      });
      if (el.hasAttribute('data-remove-row')) el.value = swap(el.value);
    });
    row.setAttribute('data-row', String(index));
  }

  function initRowList(list) {
    var rows = list.querySelector('[data-rows]');
    var template = list.querySelector('[data-row-template]');
    var count = list.querySelector('[data-row-count]');
    var add = list.querySelector('[data-add-row]');
    var max = Number(list.getAttribute('data-max-items') || 30);
    if (!rows || !template || !count || !add) return;

    function changed() {
      Array.prototype.forEach.call(rows.children, function (row, i) {
        renumber(row, i);
        row.querySelectorAll('[data-row-number]').forEach(function (el) { el.textContent = String(i + 1); });
      });
      count.value = String(rows.children.length);
      add.disabled = rows.children.length >= max;
      list.dispatchEvent(new CustomEvent('tailor:rows-changed', { bubbles: true }));
    }

    list.addEventListener('click', function (event) {
      var remove = event.target.closest('[data-remove-row]');
      if (remove && list.contains(remove)) {
        event.preventDefault();
        var row = remove.closest('[data-row]');
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        changed();
        var target = next ? next.querySelector('input, textarea, select') : add;
        (target || add).focus();
        return;
      }
      if (event.target.closest('[data-add-row]') === add) {
        event.preventDefault();
        var index = rows.children.length;
        if (index >= max) return;
        rows.insertAdjacentHTML('beforeend', template.innerHTML.split('__i__').join(String(index)).split('__n__').join(String(index + 1)));
        changed();
        var first = rows.lastElementChild.querySelector('input, textarea, select');
        if (first) first.focus();
      }
    });
  }

  // The manager's review: the wording field only for "new wording", priority and date not for "reject".
  function initDecisions(task) {
    function apply() {
      var chosen = task.querySelector('[data-decision]:checked');
      var decision = chosen ? chosen.value : '';
      task.querySelectorAll('[data-show-for-decision]').forEach(function (el) {
        el.hidden = el.getAttribute('data-show-for-decision') !== decision && !el.querySelector('[aria-invalid="true"]');
      });
      task.querySelectorAll('[data-hide-for-decision]').forEach(function (el) {
        el.hidden = el.getAttribute('data-hide-for-decision') === decision;
      });
    }
    task.addEventListener('change', apply);
    apply();
  }

  document.querySelectorAll('[data-task-list]').forEach(initRowList);
  document.querySelectorAll('.review-task').forEach(initDecisions);
})();
