// The intake page with JavaScript: follow-up questions appear and disappear as you answer (the same
// visibleIf data the server uses, evaluated as data, never as code), and answers are saved as you go.
(function () {
  'use strict';
  var form = document.querySelector('[data-intake-form]');
  if (!form) return;

  var outside = {};
  try { outside = JSON.parse(form.getAttribute('data-outside-answers') || '{}'); } catch (e) { outside = {}; }

  // --- visibleIf -------------------------------------------------------------------------------
  function met(condition, values) {
    if (condition.all) return condition.all.every(function (c) { return met(c, values); });
    if (condition.any) return condition.any.some(function (c) { return met(c, values); });
    if (condition.not) return !met(condition.not, values);
    var value = values[condition.question];
    var answered = value !== undefined;
    if ('answered' in condition) return answered === condition.answered;
    var accepted = 'equals' in condition ? [condition.equals] : condition['in'];
    if (Array.isArray(value)) return value.some(function (v) { return accepted.indexOf(v) !== -1; });
    return answered && accepted.indexOf(value) !== -1;
  }

  function valueOf(wrapper) {
    var inputs = Array.prototype.filter.call(wrapper.querySelectorAll('input, textarea, select'), function (el) {
      return el.closest('[data-question]') === wrapper;
    });
    if (inputs.length === 0) return undefined;
    var type = wrapper.getAttribute('data-type');
    if (inputs[0].type === 'checkbox') {
      var chosen = inputs.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
      return chosen.length ? chosen : undefined;
    }
    var raw;
    if (inputs[0].type === 'radio') {
      var checked = inputs.filter(function (el) { return el.checked; })[0];
      raw = checked ? checked.value : undefined;
    } else {
      raw = inputs[0].value.trim() || undefined;
    }
    if (raw !== undefined && (type === 'number' || type === 'scale')) {
      var normalised = raw.replace(/\s/g, '').replace(',', '.');
      return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : raw;
    }
    return raw;
  }

  // Questions in asking order; a hidden one counts as unanswered for the questions after it.
  function applyVisibility(scope, values, shown) {
    scope.querySelectorAll('[data-question]').forEach(function (wrapper) {
      var owner = wrapper.parentElement.closest('[data-row], [data-intake-form]');
      if (owner !== scope) return;
      var id = wrapper.getAttribute('data-question');
      var condition = wrapper.getAttribute('data-visible-if');
      var visible = !condition || met(JSON.parse(condition), values);
      wrapper.hidden = !visible;
      if (!visible) return;
      if (shown) shown.push(id);
      if (wrapper.querySelector('[data-task-list]')) {
        wrapper.querySelectorAll('[data-rows] > [data-row]').forEach(function (row) { applyVisibility(row, {}, null); });
        return;
      }
      var value = valueOf(wrapper);
      if (value !== undefined) values[id] = value;
    });
  }

  function refresh() {
    var shown = [];
    applyVisibility(form, Object.assign({}, outside), shown);
    var field = form.querySelector('[data-shown]');
    if (field) field.value = shown.join(' ');
  }

  // --- saving as you go --------------------------------------------------------------------------
  var status = form.querySelector('[data-autosave-status]');
  var versionField = form.querySelector('[data-version]');
  var timer = null;
  var inFlight = null;
  var stopped = false;
  var dirty = false;

  function say(message) { if (status) status.textContent = message; }

  // `leaving`: the page is being hidden or closed, so the request must be able to outlive it (keepalive).
  function save(leaving) {
    timer = null;
    // One save at a time: the next one must carry the version the one in flight makes.
    if (inFlight) return inFlight.then(function () { return save(leaving); });
    if (stopped || !dirty) return Promise.resolve();
    dirty = false;
    var body = new URLSearchParams(new FormData(form));
    body.set('action', 'autosave');
    inFlight = fetch(form.getAttribute('action'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      // Browsers refuse a keepalive body over 64 KB; a long page then saves as usual while it lives.
      keepalive: leaving === true && body.toString().length < 60000,
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (reply) {
        if (response.ok) {
          versionField.value = String(reply.version);
          say('All changes saved.');
        } else if (response.status === 409) {
          stopped = true;
          say(reply.code === 'intake-reviewed'
            ? 'Your manager has reviewed your answers, so they can no longer be changed.'
            : 'Your answers were changed on another device or in another tab, so this page is no longer saved as you type. Press a Save button: what you typed here is kept, and you choose whether to save it.');
        } else if (response.status === 401 || response.status === 403) {
          // Signed out (elsewhere, or the session ended): a Save button would answer with an error page.
          stopped = true;
          say('You are signed out, so what you type here is no longer saved. Copy what you typed since the last save, then open the link from your invitation e-mail again.');
        } else if (response.status === 422) {
          say('Some answers cannot be saved yet; they will be checked when you continue.');
        } else {
          stopped = true;
          say('Automatic saving has stopped. Your answers will be saved when you press a Save button.');
        }
      });
    }).catch(function () {
      dirty = true;
      say('Not saved yet: no connection. We will try again.');
    }).then(function () { inFlight = null; });
    return inFlight;
  }

  function changed(event) {
    if (event && event.target && event.target.closest('template')) return;
    refresh();
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1200);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  // Closing the tab, or leaving it for another app on a phone, saves what the wait before a save still holds.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && timer) { clearTimeout(timer); save(true); }
  });
  form.addEventListener('tailor:rows-changed', changed);

  // A save button must wait for an autosave in flight, or it would send a version that is already stale.
  var resubmitting = false;
  form.addEventListener('submit', function (event) {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!inFlight || resubmitting) return;
    event.preventDefault();
    var submitter = event.submitter;
    inFlight.then(function () {
      resubmitting = true;
      if (form.requestSubmit) form.requestSubmit(submitter || undefined);
      else form.submit();
    });
  });

  // Following a link away (the section list, the review) first saves what was typed since the last save.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target || link.origin !== window.location.origin || link.getAttribute('href').charAt(0) === '#') return;
    if (stopped || (!dirty && !inFlight)) return;
    event.preventDefault();
    if (timer) { clearTimeout(timer); timer = null; }
    save().then(function () { window.location.href = link.href; });
  });

  refresh();
})();
