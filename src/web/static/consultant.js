// Progressive enhancement for the consultant pages. Every page works without this file; with it:
// personal links get a Copy button, publishing asks for a confirmation, the demo and new-engagement
// buttons say they are working (and send their form once), the new-engagement form suggests the
// departments typed above in the milestone rows and hides the module list until
// "Only the training modules I choose" is picked. No inline code anywhere (CSP).
(function () {
  'use strict';

  document.querySelectorAll('[data-copy-source]').forEach(function (input) {
    if (!navigator.clipboard) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary button--small';
    button.textContent = 'Copy link';
    var status = document.createElement('span');
    status.setAttribute('role', 'status');
    status.className = 'hint';
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(input.value).then(function () { status.textContent = ' Copied.'; });
    });
    input.insertAdjacentElement('afterend', status);
    input.insertAdjacentElement('afterend', button);
  });

  // A form that takes a few seconds (the demo), or that a second click would carry out twice (a new
  // engagement: there is no undo), says it is working and is sent once; later submits are dropped.
  document.querySelectorAll('form[data-busy]').forEach(function (form) {
    var isSent = false;
    var button = form.querySelector('.form-actions button[type="submit"]') || form.querySelector('button[type="submit"]');
    var label = button && button.textContent;
    form.addEventListener('submit', function (event) {
      if (isSent) {
        event.preventDefault();
        return;
      }
      isSent = true;
      if (button) setTimeout(function () { button.disabled = true; button.textContent = form.getAttribute('data-busy'); }, 0);
    });
    // Back on a page the browser kept in memory: the form can be sent again.
    window.addEventListener('pageshow', function (event) {
      if (!event.persisted || !isSent) return;
      isSent = false;
      if (button) { button.disabled = false; button.textContent = label; }
    });
  });

  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });

  var departments = document.getElementById('departments');
  if (departments) {
    var list = document.createElement('datalist');
    list.id = 'department-suggestions';
    departments.form.appendChild(list);
    var fill = function () {
      list.innerHTML = '';
      departments.value.split(/\r?\n/).map(function (d) { return d.trim(); }).filter(Boolean).forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        list.appendChild(option);
      });
    };
    departments.addEventListener('input', fill);
    fill();
  }

  var chosen = document.querySelector('[data-reveals]');
  if (chosen) {
    var target = document.getElementById(chosen.getAttribute('data-reveals'));
    var radios = document.querySelectorAll('input[name="' + chosen.name + '"]');
    var apply = function () { target.hidden = !chosen.checked; };
    radios.forEach(function (radio) { radio.addEventListener('change', apply); });
    apply();
  }
})();
