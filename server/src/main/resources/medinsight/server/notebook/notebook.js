/*
 * medinsight's notebook page on the local server: notes and paragraphs over Zeppelin's REST API with
 * the user's login session. Every element is built with the DOM (text as text); the only HTML put in
 * the page is what the server's renderer (/notebook/render, the published pages' allow-list) returns.
 */
(function () {
  'use strict';

  var TEXTS = {};
  var LANG = localStorage.getItem('medinsight.lang') === 'en' ? 'en' : 'zh';
  var VOCABULARY = {commands: [], options: [], tables: []};
  var MODES = ['table', 'multiBarChart', 'stackedBarChart', 'pieChart', 'lineChart', 'stackedAreaChart', 'scatterChart'];
  var AGGRS = ['sum', 'count', 'avg', 'min', 'max'];
  var SQL_WORDS = ('select from where group by order having limit join left right inner outer full cross on as and or not '
    + 'in is null like between case when then else end distinct union all with asc desc count sum avg min max cast over '
    + 'partition rank row_number true false').split(' ');
  var state = {user: null, roles: [], note: null, perms: null, charts: {}, polling: {}, view: 0};

  function t(key) {
    var table = TEXTS[LANG] || {};
    return Object.prototype.hasOwnProperty.call(table, 'notebook.' + key) ? table['notebook.' + key] : key;
  }

  /* ---------- DOM ---------- */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { e.textContent = v; } else if (k.indexOf('on') === 0) { e.addEventListener(k.slice(2), v); }
        else if (k === 'className') { e.className = v; } else { e.setAttribute(k, v === true ? '' : String(v)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) { continue; }
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } return e; }
  function $(id) { return document.getElementById(id); }

  function flash(message, kind) {
    var f = $('flash');
    clear(f).appendChild(el('div', {className: 'flash ' + (kind || 'error'), role: 'alert', text: message}));
  }

  /* ---------- REST ---------- */
  function api(method, path, body, form) {
    var o = {method: method, credentials: 'same-origin', headers: {}};
    if (form) {
      o.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      o.body = form;
    } else if (body !== undefined) {
      o.headers['Content-Type'] = 'application/json';
      o.body = JSON.stringify(body);
    }
    return fetch(path, o).then(function (r) {
      return r.text().then(function (s) {
        var j = null;
        try { j = s ? JSON.parse(s) : {}; } catch (e) { j = null; }
        if (!r.ok || (j && j.status && j.status !== 'OK' && j.status !== 'CREATED')) {
          var err = new Error(j && j.message ? j.message : r.status + ' ' + r.statusText);
          err.status = r.status;
          throw err;
        }
        return j ? j.body : null;
      });
    });
  }
  function enc(s) { return encodeURIComponent(s); }
  function notePath(id) { return '/api/notebook/' + enc(id); }

  function failed(e) {
    if (e && e.status === 401) { state.user = null; route(); return; }
    flash(e && e.status === 403 ? t('forbidden') : (e && e.message) || String(e));
  }

  /* ---------- who may do what ---------- */
  function editorRole() { return state.roles.indexOf('admin') >= 0 || state.roles.indexOf('analyst') >= 0; }
  function inList(list) {
    if (!list || list.length === 0) { return true; } // Zeppelin: an empty list is everyone
    return list.indexOf(state.user) >= 0 || state.roles.some(function (r) { return list.indexOf(r) >= 0; });
  }
  function may(what) {
    if (!state.perms) { return false; }
    if (what === 'read') { return true; }
    if (!editorRole()) { return false; }
    if (what === 'own') { return inList(state.perms.owners); }
    if (what === 'write') { return inList(state.perms.writers) || inList(state.perms.owners); }
    if (what === 'run') { return inList(state.perms.runners) || inList(state.perms.writers) || inList(state.perms.owners); }
    return false;
  }

  /* ---------- start, login ---------- */
  function start() {
    fetch('texts.json', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (j) {
      TEXTS = j.texts;
      VOCABULARY = j.vocabulary;
      return api('GET', '/api/security/ticket');
    }).then(function (b) {
      if (b && b.principal && b.principal !== 'anonymous') { signedIn(b); } else { state.user = null; }
      route();
    }).catch(function () { state.user = null; route(); });
    window.addEventListener('hashchange', route);
    window.addEventListener('resize', function () {
      Object.keys(state.charts).forEach(function (k) { state.charts[k].forEach(function (c) { c.resize(); }); });
    });
  }

  function signedIn(b) {
    closeSocket();
    state.user = b.principal;
    var roles = b.roles;
    if (typeof roles === 'string') { try { roles = JSON.parse(roles); } catch (e) { roles = []; } }
    state.roles = roles || [];
  }

  function header() {
    var h = clear($('top'));
    h.appendChild(el('a', {className: 'brand', href: '#/', text: t('brand')}));
    h.appendChild(el('a', {className: 'dash', href: '/', text: t('dashboards')}));
    h.appendChild(el('span', {className: 'spacer'}));
    h.appendChild(el('button', {className: 'link', type: 'button', id: 'lang', text: LANG === 'zh' ? 'English' : '中文',
      onclick: function () { LANG = LANG === 'zh' ? 'en' : 'zh'; localStorage.setItem('medinsight.lang', LANG); route(); }}));
    if (state.user) {
      h.appendChild(el('span', {className: 'who', id: 'who'}, state.user, el('span', {className: 'roles', id: 'roles',
        text: state.roles.join(', ')})));
      h.appendChild(el('button', {type: 'button', id: 'logout', text: t('logout'), onclick: function () {
        api('POST', '/api/login/logout').catch(function () { return null; }).then(function () {
          closeSocket();
          state.user = null; state.roles = []; location.hash = '#/'; route();
        });
      }}));
    }
  }

  function loginView(main) {
    var user = el('input', {id: 'username', name: 'username', autocomplete: 'username', required: true});
    var pass = el('input', {id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true});
    var form = el('form', {className: 'login', id: 'login', onsubmit: function (ev) {
      ev.preventDefault();
      api('POST', '/api/login', undefined, 'userName=' + enc(user.value) + '&password=' + enc(pass.value)).then(function (b) {
        signedIn(b);
        route();
      }).catch(function (e) { flash(e.status === 429 ? t('loginWait') : t('loginFailed')); });
    }},
      el('h1', {text: t('login')}),
      el('label', {'for': 'username', text: t('username')}), user,
      el('label', {'for': 'password', text: t('password')}), pass,
      el('button', {type: 'submit', id: 'login-submit', text: t('login')}));
    main.appendChild(form);
    user.focus();
  }

  /* ---------- routing ---------- */
  /** A new view: what the old one still awaits (polls, reloads, renders) is dropped when it arrives. */
  function newView() {
    Object.keys(state.polling).forEach(function (k) { clearTimeout(state.polling[k]); });
    state.polling = {};
    Object.keys(state.charts).forEach(disposeCharts);
    return ++state.view;
  }

  function disposeCharts(pid) {
    (state.charts[pid] || []).forEach(function (c) { c.dispose(); });
    delete state.charts[pid];
  }

  function route() {
    newView();
    document.body.classList.remove('report');
    document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : 'en';
    header();
    clear($('flash'));
    var main = clear($('main'));
    if (!state.user) { loginView(main); return; }
    var m = /^#\/note\/([^/]+)(?:\/paragraph\/([^/]+))?/.exec(location.hash);
    var id = null;
    var focus = null;
    try {
      id = m ? decodeURIComponent(m[1]) : null;
      focus = m && m[2] ? decodeURIComponent(m[2]) : null;
    } catch (e) {
      id = null;
    }
    if (id) { noteView(main, id, focus); } else { listView(main); }
  }

  /* ---------- the notes ---------- */
  function listView(main) {
    main.appendChild(el('h1', {text: t('notes')}));
    if (editorRole()) {
      var name = el('input', {id: 'new-note-name', placeholder: t('newNotePlaceholder')});
      main.appendChild(el('form', {className: 'row', id: 'new-note', onsubmit: function (ev) {
        ev.preventDefault();
        if (!name.value.trim()) { return; }
        api('POST', '/api/notebook', {name: name.value.trim()}).then(function (id) { location.hash = '#/note/' + enc(id); })
          .catch(failed);
      }}, name, el('button', {type: 'submit', id: 'new-note-submit', text: t('newNote')})));
    }
    var list = el('div', {id: 'note-list'});
    main.appendChild(list);
    api('GET', '/api/notebook').then(function (notes) {
      var folders = {};
      notes.forEach(function (n) {
        var path = n.path || n.name || n.id;
        if (/^\/?~Trash(\/|$)/.test(path)) { return; }
        var i = path.lastIndexOf('/');
        var folder = i > 0 ? path.slice(0, i).replace(/^\//, '') : '';
        (folders[folder] = folders[folder] || []).push({id: n.id, name: path.slice(i + 1)});
      });
      Object.keys(folders).sort().forEach(function (f) {
        var ul = el('ul', {className: 'notes'});
        folders[f].sort(function (a, b) { return a.name.localeCompare(b.name, 'zh'); }).forEach(function (n) {
          ul.appendChild(el('li', null, el('a', {href: '#/note/' + enc(n.id), 'data-note': n.id, text: n.name})));
        });
        list.appendChild(el('section', {className: 'folder'}, el('h2', {text: f || t('rootFolder')}), ul));
      });
    }).catch(failed);
  }

  function noteView(main, id, focus) {
    var view = state.view;
    Promise.all([api('GET', notePath(id)), api('GET', notePath(id) + '/permissions').catch(function () { return null; })])
      .then(function (r) {
        if (view !== state.view) { return; }
        state.note = r[0];
        state.perms = r[1] || {owners: ['\u0000'], writers: ['\u0000'], runners: ['\u0000'], readers: []};
        drawNote(main, focus);
      }).catch(failed);
  }

  function drawNote(main, focus) {
    var note = state.note;
    clear(main);
    var bar = el('div', {className: 'note-bar'});
    var title = el('h1', {id: 'note-name', text: note.name || note.id});
    bar.appendChild(title);
    if (may('run')) {
      bar.appendChild(el('button', {type: 'button', id: 'run-all', text: t('runAll'), onclick: runAll}));
    }
    if (may('own')) {
      bar.appendChild(el('button', {type: 'button', id: 'rename', text: t('rename'), onclick: function () {
        var name = prompt(t('rename'), note.path || note.name);
        if (name) { api('PUT', notePath(note.id) + '/rename', {name: name}).then(reload).catch(failed); }
      }}));
      bar.appendChild(el('button', {type: 'button', id: 'delete-note', className: 'danger', text: t('deleteNote'), onclick: function () {
        if (confirm(t('deleteNoteConfirm'))) {
          api('DELETE', notePath(note.id)).then(function () { location.hash = '#/'; }).catch(failed);
        }
      }}));
    }
    var report = el('label', {className: 'toggle'}, el('input', {type: 'checkbox', id: 'report-mode',
      checked: document.body.classList.contains('report'),
      onchange: function (ev) { document.body.classList.toggle('report', ev.target.checked); }}), t('reportMode'));
    bar.appendChild(report);
    main.appendChild(bar);
    main.appendChild(permissionsView());
    main.appendChild(noteFormsView());
    var grid = el('div', {className: 'paragraphs', id: 'paragraphs'});
    main.appendChild(grid);
    (note.paragraphs || []).forEach(function (p, i) { grid.appendChild(paragraphView(p, i)); });
    if (may('write')) {
      main.appendChild(el('button', {type: 'button', id: 'add-paragraph', text: t('addParagraph'), onclick: function () {
        addParagraph((note.paragraphs || []).length);
      }}));
    }
    if (focus) {
      var f = document.querySelector('[data-paragraph="' + CSS.escape(focus) + '"]');
      if (f) { f.classList.add('focused'); f.scrollIntoView({block: 'start'}); }
    }
    (note.paragraphs || []).forEach(function (p) {
      if (p.status === 'RUNNING' || p.status === 'PENDING') { poll(p.id); }
    });
  }

  function reload() {
    newView();
    noteView($('main'), state.note.id, null);
  }

  function permissionsView() {
    var p = state.perms;
    var box = el('details', {className: 'perms', id: 'permissions'}, el('summary', {text: t('permissions')}));
    var fields = {};
    ['owners', 'writers', 'runners', 'readers'].forEach(function (k) {
      var v = (p[k] || []).filter(function (x) { return x !== '\u0000'; }).join(', ');
      var input = el('input', {id: 'perm-' + k, value: v, readonly: !may('own')});
      fields[k] = input;
      box.appendChild(el('div', {className: 'row'}, el('label', {'for': 'perm-' + k, text: t(k)}), input));
    });
    if (may('own')) {
      box.appendChild(el('button', {type: 'button', id: 'save-permissions', text: t('save'), onclick: function () {
        var body = {};
        Object.keys(fields).forEach(function (k) {
          body[k] = fields[k].value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
        });
        api('PUT', notePath(state.note.id) + '/permissions', body).then(function () {
          reload();
          flash(t('saved'), 'ok');
        }).catch(failed);
      }}));
    }
    return box;
  }

  /* ---------- a paragraph ---------- */
  function paragraphView(p, index) {
    var config = p.config || {};
    var width = Math.max(1, Math.min(12, Math.round(config.colWidth || 12)));
    var box = el('section', {className: 'paragraph status-' + (p.status || 'READY'), 'data-paragraph': p.id});
    box.style.gridColumn = 'span ' + width;
    var head = el('div', {className: 'p-head'});
    head.appendChild(el('span', {className: 'p-title', text: p.title || ''}));
    head.appendChild(el('span', {className: 'p-status', text: statusText(p)}));
    if (may('run')) {
      head.appendChild(el('button', {type: 'button', className: 'run', title: t('runHint'), text: t('run'),
        onclick: function () { run(p, typedText(p)); }}));
      head.appendChild(el('button', {type: 'button', className: 'cancel', text: t('cancel'), onclick: function () {
        api('DELETE', '/api/notebook/job/' + enc(state.note.id) + '/' + enc(p.id)).catch(failed);
      }}));
    }
    if (may('write')) {
      head.appendChild(menu(p, index, width));
    }
    box.appendChild(head);
    box.appendChild(editor(p, config.editorHide));
    box.appendChild(formsView(p));
    var out = el('div', {className: 'results'});
    if (!config.tableHide) { results(p, out); }
    box.appendChild(out);
    return box;
  }

  function statusText(p) {
    var s = p.status || 'READY';
    var text = t('status.' + s);
    var progress = Number(p.progress);
    if (s === 'RUNNING' && progress > 0) { text += ' ' + progress + '%'; }
    return text;
  }

  function menu(p, index, width) {
    var d = el('details', {className: 'p-menu'}, el('summary', {text: '⋯', title: t('more')}));
    var count = (state.note.paragraphs || []).length;
    function item(cls, text, fn) { d.appendChild(el('button', {type: 'button', className: cls, text: text, onclick: fn})); }
    item('title-edit', t('setTitle'), function () {
      var title = prompt(t('setTitle'), p.title || '');
      if (title !== null) { save(p, {title: title}); }
    });
    item('toggle-editor', (p.config || {}).editorHide ? t('showEditor') : t('hideEditor'), function () {
      setConfig(p, {editorHide: !(p.config || {}).editorHide});
    });
    item('toggle-result', (p.config || {}).tableHide ? t('showResult') : t('hideResult'), function () {
      setConfig(p, {tableHide: !(p.config || {}).tableHide});
    });
    var w = el('select', {className: 'width', title: t('width'), onchange: function (ev) {
      setConfig(p, {colWidth: Number(ev.target.value)});
    }});
    [3, 4, 6, 8, 12].forEach(function (n) { w.appendChild(el('option', {value: n, selected: n === width, text: t('width') + ' ' + n + '/12'})); });
    d.appendChild(w);
    if (index > 0) { item('move-up', t('moveUp'), function () { move(p, index - 1); }); }
    if (index < count - 1) { item('move-down', t('moveDown'), function () { move(p, index + 1); }); }
    item('insert-below', t('insertBelow'), function () { addParagraph(index + 1); });
    item('delete-paragraph danger', t('deleteParagraph'), function () {
      if (confirm(t('deleteParagraphConfirm'))) {
        api('DELETE', notePath(state.note.id) + '/paragraph/' + enc(p.id)).then(reload).catch(failed);
      }
    });
    return d;
  }

  function addParagraph(index) {
    api('POST', notePath(state.note.id) + '/paragraph', {title: '', text: '%drugs\n', index: index}).then(reload).catch(failed);
  }
  function move(p, to) {
    api('POST', notePath(state.note.id) + '/paragraph/' + enc(p.id) + '/move/' + to).then(reload).catch(failed);
  }
  /** Saves a paragraph's text or title, after any save of it still on its way (a run waits for them). */
  function save(p, fields) {
    var noteId = state.note.id;
    p.saving = (p.saving || Promise.resolve()).catch(function () { return null; }).then(function () {
      var body = {text: fields.text !== undefined ? fields.text : typedText(p)};
      if (fields.title !== undefined || p.title) { body.title = fields.title !== undefined ? fields.title : p.title; }
      return api('PUT', notePath(noteId) + '/paragraph/' + enc(p.id), body).then(function () {
        p.text = body.text;
        if (fields.title !== undefined) { p.title = fields.title; reload(); }
      });
    });
    return p.saving.catch(function (e) { failed(e); throw e; });
  }

  /** The text in a paragraph's editor now (its saved text when it has no editor on the page). */
  function typedText(p) {
    var area = document.querySelector('[data-paragraph="' + CSS.escape(p.id) + '"] textarea.code');
    return area ? area.value : p.text || '';
  }
  function setConfig(p, change) {
    return api('PUT', notePath(state.note.id) + '/paragraph/' + enc(p.id) + '/config', change).then(reload).catch(failed);
  }

  /* ---------- the editor: a textarea over its highlighted copy ---------- */
  function editor(p, hidden) {
    var wrap = el('div', {className: 'editor' + (hidden ? ' hidden' : '')});
    var shade = el('pre', {className: 'shade', 'aria-hidden': 'true'});
    var area = el('textarea', {className: 'code', spellcheck: 'false', rows: Math.max(2, (p.text || '').split('\n').length),
      readonly: !may('write'), 'aria-label': t('paragraphText'), title: may('write') ? t('paragraphText') : null});
    area.value = p.text || '';
    function paint() {
      highlight(area.value, clear(shade));
      area.rows = Math.max(2, area.value.split('\n').length);
    }
    area.addEventListener('input', paint);
    area.addEventListener('scroll', function () { shade.scrollTop = area.scrollTop; shade.scrollLeft = area.scrollLeft; });
    area.addEventListener('keydown', function (ev) {
      if (wrap.querySelector('.completions') && completionKey(wrap, area, ev)) { return; }
      if (ev.key === 'Enter' && ev.shiftKey) {
        ev.preventDefault();
        if (may('run')) { run(p, area.value); }
      } else if (ev.key === ' ' && ev.ctrlKey && may('write')) {
        ev.preventDefault();
        var cursor = area.selectionStart;
        complete(p, area.value, cursor).then(function (items) {
          if (area.selectionStart === cursor) { showCompletions(wrap, area, items); }
        }).catch(function () { flash(t('noCompletion')); });
      }
    });
    area.addEventListener('blur', function () { closeCompletions(wrap); });
    area.addEventListener('blur', function () {
      if (may('write') && area.value !== (p.text || '')) { save(p, {text: area.value}).catch(function () { return null; }); }
    });
    paint();
    wrap.appendChild(shade);
    wrap.appendChild(area);
    return wrap;
  }

  /* ---------- completion: the interpreter's own, through Zeppelin's websocket (its REST API has none) ---------- */
  var socketReady = null;
  var socketNote = null;
  var completionWanted = {};
  var noteFormsWanted = null;

  function socket() {
    if (socketReady) { return socketReady; }
    socketReady = api('GET', '/api/security/ticket').then(function (b) {
      state.ticket = b.ticket;
      return new Promise(function (resolve, reject) {
        var s = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
        s.onopen = function () { resolve(s); };
        s.onerror = function () { socketReady = null; reject(new Error('websocket')); };
        s.onclose = function () {
          socketReady = null;
          socketNote = null;
          Object.keys(completionWanted).forEach(function (k) { completionWanted[k].reject(new Error('closed')); });
          completionWanted = {};
          if (noteFormsWanted) { noteFormsWanted.reject(new Error(t('noteFormsNotSaved'))); noteFormsWanted = null; }
        };
        s.onmessage = function (ev) {
          var m;
          try { m = JSON.parse(ev.data); } catch (e) { return; }
          if (m.op === 'COMPLETION_LIST' && m.data && completionWanted[m.data.id]) {
            var done = completionWanted[m.data.id];
            delete completionWanted[m.data.id];
            done.resolve(m.data.completions || []);
          } else if (m.op === 'SAVE_NOTE_FORMS' && noteFormsWanted) {
            var saved = noteFormsWanted;
            noteFormsWanted = null;
            saved.resolve(m.data && m.data.formsData);
          } else if (m.op === 'SESSION_LOGOUT' || m.op === 'ERROR_INFO') {
            if (noteFormsWanted) {
              noteFormsWanted.reject(new Error(t('noteFormsNotSaved') + (m.data && m.data.info ? ' ' + m.data.info : '')));
              noteFormsWanted = null;
            }
            s.close();
          }
        };
      });
    });
    socketReady.catch(function () { socketReady = null; });
    return socketReady;
  }

  function closeSocket() {
    if (socketReady) { socketReady.then(function (s) { s.close(); }).catch(function () { return null; }); }
    socketReady = null;
    socketNote = null;
    state.ticket = null;
  }

  function message(s, op, data) {
    s.send(JSON.stringify({op: op, data: data, principal: state.user, ticket: state.ticket, roles: JSON.stringify(state.roles)}));
  }

  /** The socket, following the note (Zeppelin answers a note's messages to the connections that opened it). */
  function watched(noteId) {
    return socket().then(function (s) {
      if (socketNote !== noteId) { message(s, 'GET_NOTE', {id: noteId}); socketNote = noteId; }
      return s;
    });
  }

  function complete(p, text, cursor) {
    return watched(state.note.id).then(function (s) {
      return new Promise(function (resolve, reject) {
        if (completionWanted[p.id]) { completionWanted[p.id].reject(new Error('replaced')); }
        var wanted = {resolve: resolve, reject: reject};
        completionWanted[p.id] = wanted;
        message(s, 'COMPLETION', {id: p.id, buf: text, cursor: cursor});
        // an interpreter that does not answer (a process being started) does not leave the request open
        setTimeout(function () {
          if (completionWanted[p.id] === wanted) { delete completionWanted[p.id]; reject(new Error('no answer')); }
        }, 20000);
      });
    });
  }

  function showCompletions(wrap, area, items) {
    closeCompletions(wrap);
    if (!items.length) { return; }
    var list = el('ul', {className: 'completions', role: 'listbox'});
    items.slice(0, 60).forEach(function (c, i) {
      list.appendChild(el('li', {className: i === 0 ? 'on' : null, role: 'option', 'data-value': c.value,
        onmousedown: function (ev) { ev.preventDefault(); insertCompletion(wrap, area, c.value); }},
        c.name, c.meta ? el('span', {className: 'meta', text: c.meta}) : null));
    });
    wrap.appendChild(list);
  }

  function closeCompletions(wrap) {
    var list = wrap.querySelector('.completions');
    if (list) { list.parentNode.removeChild(list); }
  }

  /** Keys while the list is open: arrows choose, Enter or Tab insert, Escape closes; true when the key was the list's. */
  function completionKey(wrap, area, ev) {
    var items = Array.prototype.slice.call(wrap.querySelectorAll('.completions li'));
    var at = items.findIndex(function (li) { return li.classList.contains('on'); });
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      items[at].classList.remove('on');
      at = (at + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[at].classList.add('on');
      items[at].scrollIntoView({block: 'nearest'});
      return true;
    }
    if (ev.key === 'Enter' || ev.key === 'Tab') {
      ev.preventDefault();
      insertCompletion(wrap, area, items[at].getAttribute('data-value'));
      return true;
    }
    closeCompletions(wrap);
    return ev.key === 'Escape';
  }

  /** Replaces the word before the cursor with the chosen completion. */
  function insertCompletion(wrap, area, value) {
    var pos = area.selectionStart;
    var before = area.value.slice(0, pos);
    var start = pos - /[^\s(),=<>;'".]*$/.exec(before)[0].length;
    area.value = before.slice(0, start) + value + area.value.slice(pos);
    area.selectionStart = area.selectionEnd = start + value.length;
    area.dispatchEvent(new Event('input'));
    closeCompletions(wrap);
  }

  function span(cls, text) { return el('span', {className: cls, text: text}); }

  /** Highlights %drugs (the registry's commands and options) and %drugs.sql (SQL words, the tables) into a node. */
  function highlight(text, into) {
    var lines = text.split('\n');
    var sql = /^%(\w+\.)?(drugs\.sql|drugs_sql|sql)\b/.test(lines[0] || '');
    lines.forEach(function (line, n) {
      if (n > 0) { into.appendChild(document.createTextNode('\n')); }
      if (n === 0 && /^%\S+/.test(line)) {
        var m = /^(%\S+)(.*)$/.exec(line);
        into.appendChild(span('tok-magic', m[1]));
        into.appendChild(document.createTextNode(m[2]));
        return;
      }
      if (/^\s*(#|--)/.test(line)) { into.appendChild(span('tok-comment', line)); return; }
      var re = /("[^"]*"?|'[^']*'?|--?[A-Za-z][\w-]*|[A-Za-z_][\w]*|\d+(?:\.\d+)?|\s+|.)/g;
      var first = true;
      var m2;
      while ((m2 = re.exec(line)) !== null) {
        var w = m2[0];
        var cls = null;
        if (/^\s+$/.test(w)) { into.appendChild(document.createTextNode(w)); continue; }
        if (/^["']/.test(w)) { cls = 'tok-string'; }
        else if (/^\d/.test(w)) { cls = 'tok-number'; }
        else if (sql && SQL_WORDS.indexOf(w.toLowerCase()) >= 0) { cls = 'tok-keyword'; }
        else if (VOCABULARY.tables.indexOf(w) >= 0) { cls = 'tok-table'; }
        else if (!sql && first && VOCABULARY.commands.indexOf(w) >= 0) { cls = 'tok-keyword'; }
        else if (!sql && /^--/.test(w)) { cls = VOCABULARY.options.indexOf(w) >= 0 ? 'tok-option' : 'tok-unknown'; }
        if (cls !== 'tok-keyword') { first = false; } // a command is its first words: "manufacturers share"
        into.appendChild(cls ? span(cls, w) : document.createTextNode(w));
      }
    });
    into.appendChild(document.createTextNode('\n'));
  }

  /* ---------- dynamic forms ---------- */
  function formsView(p) {
    var box = el('form', {className: 'forms', onsubmit: function (ev) { ev.preventDefault(); run(p); }});
    fields(box, (p.settings && p.settings.forms) || {}, (p.settings && p.settings.params) || {}, may('run'),
      function () { run(p, typedText(p)); });
    return box;
  }

  /**
   * The fields of {@code forms} in {@code box}, showing {@code params}; a change of a select or check box,
   * or Enter in a text box, calls {@code changed} (a form of several fields has no implicit submission).
   */
  function fields(box, forms, params, enabled, changed) {
    function label(o) { return String(o.displayName !== undefined && o.displayName !== null ? o.displayName : o.value); }
    Object.keys(forms).forEach(function (name) {
      var f = forms[name];
      if (f.hidden) { return; }
      var value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : f.defaultValue;
      var type = formType(f);
      var input;
      if (type === 'Select') {
        input = el('select', {name: name, 'data-form': name, disabled: !enabled});
        (f.options || []).forEach(function (o) {
          input.appendChild(el('option', {value: o.value, selected: String(o.value) === String(value), text: label(o)}));
        });
        input.addEventListener('change', changed);
      } else if (type === 'CheckBox') {
        input = el('span', {'data-form': name});
        var chosen = Array.isArray(value) ? value.map(String) : [];
        (f.options || []).forEach(function (o) {
          var c = el('input', {type: 'checkbox', value: o.value, checked: chosen.indexOf(String(o.value)) >= 0, disabled: !enabled});
          c.addEventListener('change', changed);
          input.appendChild(el('label', {className: 'check'}, c, label(o)));
        });
      } else {
        input = el('input', {name: name, 'data-form': name, value: value === undefined || value === null ? '' : String(value),
          type: type === 'Password' ? 'password' : null, autocomplete: type === 'Password' ? 'off' : null, readonly: !enabled});
        input.addEventListener('keydown', function (ev) {
          if (ev.key === 'Enter' && !ev.isComposing) { ev.preventDefault(); if (enabled) { changed(); } }
        });
      }
      box.appendChild(el('label', {className: 'form-field'}, el('span', {text: String(f.displayName || name)}), input));
    });
  }

  /** {@code params} with the values the fields of {@code box} show now (Zeppelin replaces all values with those sent). */
  function fieldValues(box, params) {
    var out = JSON.parse(JSON.stringify(params || {}));
    if (!box) { return out; }
    box.querySelectorAll('[data-form]').forEach(function (input) {
      var name = input.getAttribute('data-form');
      if (input.tagName === 'SPAN') {
        out[name] = Array.prototype.filter.call(input.querySelectorAll('input'), function (c) { return c.checked; })
          .map(function (c) { return c.value; });
      } else {
        out[name] = input.value;
      }
    });
    return out;
  }

  /**
   * The note's forms ($${name} in a paragraph), above its paragraphs as Zeppelin shows them: a change is
   * saved in the note (websocket SAVE_NOTE_FORMS, which needs the writer's right: the REST API has no such
   * call), then every paragraph that uses the changed forms runs again.
   */
  function noteFormsView() {
    var note = state.note;
    var forms = note.noteForms || {};
    var box = el('form', {className: 'forms note-forms', id: 'note-forms', onsubmit: function (ev) { ev.preventDefault(); }});
    if (Object.keys(forms).length === 0) { box.hidden = true; return box; }
    box.appendChild(el('span', {className: 'forms-title', text: String((note.config || {}).noteFormTitle || t('noteForms'))}));
    fields(box, forms, note.noteParams || {}, may('write'), function () { saveNoteForms(box); });
    return box;
  }

  function saveNoteForms(box) {
    var note = state.note;
    var view = state.view;
    var before = note.noteParams || {};
    var params = fieldValues(box, before);
    var changed = Object.keys(params).filter(function (k) { return JSON.stringify(params[k]) !== JSON.stringify(before[k]); });
    var names = changed.length ? changed : Object.keys(note.noteForms || {});
    watched(note.id).then(function (s) {
      return new Promise(function (resolve, reject) {
        if (noteFormsWanted) { noteFormsWanted.reject(new Error('replaced')); }
        var wanted = {resolve: resolve, reject: reject};
        noteFormsWanted = wanted;
        message(s, 'SAVE_NOTE_FORMS', {noteId: note.id, noteParams: params});
        setTimeout(function () {
          if (noteFormsWanted === wanted) { noteFormsWanted = null; reject(new Error(t('noteFormsNotSaved'))); }
        }, 20000);
      });
    }).then(function (formsData) {
      if (view !== state.view) { return; }
      note.noteParams = (formsData && formsData.params) || params;
      if (!may('run')) { return; }
      (note.paragraphs || []).forEach(function (p) {
        var typed = typedText(p);
        if (noteFormNames(typed).some(function (n) { return names.indexOf(n) >= 0; })) { run(p, typed); }
      });
    }).catch(failed);
  }

  /** The names of the note forms a paragraph's text uses: $${name}, $${name=default}, $${checkbox:name(Label)=a|b}. */
  function noteFormNames(text) {
    var out = [];
    var re = /\$\$\{([^=}]*)/g;
    var m;
    while ((m = re.exec(text || '')) !== null) {
      var n = m[1].replace(/^[a-zA-Z]+:/, '').replace(/\(.*$/, '').trim();
      if (n) { out.push(n); }
    }
    return out;
  }

  /** Shows the note's forms again as the server has them (a paragraph that ran may have added one). */
  function refreshNoteForms(view) {
    api('GET', notePath(state.note.id)).then(function (fresh) {
      if (view !== state.view) { return; }
      state.note.noteForms = fresh.noteForms;
      state.note.noteParams = fresh.noteParams;
      var old = $('note-forms');
      if (old) { old.parentNode.replaceChild(noteFormsView(), old); }
    }).catch(failed);
  }

  /**
   * A form's kind: the stored note names it ("type"), Zeppelin 0.10's REST answer does not, so it is
   * told by its fields there: options with a list of defaults are check boxes, options alone a select.
   */
  function formType(f) {
    if (typeof f.type === 'string') {
      var k = f.type.toLowerCase();
      if (k === 'select') { return 'Select'; }
      if (k === 'checkbox') { return 'CheckBox'; }
      if (k === 'password') { return 'Password'; }
      if (k === 'textbox') { return 'TextBox'; }
    }
    if (Array.isArray(f.options)) { return Array.isArray(f.defaultValue) ? 'CheckBox' : 'Select'; }
    return 'TextBox';
  }

  function formParams(p) {
    return fieldValues(document.querySelector('[data-paragraph="' + CSS.escape(p.id) + '"] .forms'), p.settings && p.settings.params);
  }

  /* ---------- running ---------- */
  function run(p, text) {
    var pending = text !== undefined && text !== (p.text || '') && may('write') ? save(p, {text: text})
      : (p.saving || Promise.resolve());
    pending.then(function () {
      return api('POST', '/api/notebook/job/' + enc(state.note.id) + '/' + enc(p.id), {params: formParams(p)});
    }).then(function () {
      p.status = 'PENDING';
      setStatus(p);
      poll(p.id);
    }).catch(failed);
  }

  function runAll() {
    var saves = (state.note.paragraphs || []).map(function (p) { return p.saving || Promise.resolve(); });
    Promise.all(saves).then(function () {
      return api('POST', '/api/notebook/job/' + enc(state.note.id));
    }).then(function () { pollNote(state.view); }).catch(failed);
  }

  /** Follows a run of the whole note: each paragraph's status, its result when it ended, the note when all have. */
  function pollNote(view) {
    var noteId = state.note.id;
    api('GET', '/api/notebook/job/' + enc(noteId)).then(function (job) {
      if (view !== state.view) { return; }
      (job.paragraphs || []).forEach(function (j) {
        var p = find(j.id);
        if (!p) { return; }
        var was = p.status;
        p.status = j.status;
        p.progress = j.progress;
        setStatus(p);
        if ((was === 'RUNNING' || was === 'PENDING') && j.status !== 'RUNNING' && j.status !== 'PENDING') { refresh(p, view); }
      });
      if (job.isRunning) {
        state.polling[''] = setTimeout(function () { pollNote(view); }, 500);
      } else {
        reload();
      }
    }).catch(failed);
  }

  function setStatus(p) {
    var box = document.querySelector('[data-paragraph="' + CSS.escape(p.id) + '"]');
    if (!box) { return; }
    box.className = box.className.replace(/status-\S+/, 'status-' + (p.status || 'READY'));
    box.querySelector('.p-status').textContent = statusText(p);
  }

  /** Follows a paragraph's job until it ends, then shows its new result. */
  function poll(pid) {
    var noteId = state.note.id;
    var view = state.view;
    clearTimeout(state.polling[pid]);
    api('GET', '/api/notebook/job/' + enc(noteId) + '/' + enc(pid)).then(function (job) {
      if (view !== state.view) { return; }
      var p = find(pid);
      if (!p) { return; }
      p.status = job.status;
      p.progress = job.progress;
      setStatus(p);
      if (job.status === 'RUNNING' || job.status === 'PENDING') {
        state.polling[pid] = setTimeout(function () { poll(pid); }, 400);
      } else {
        refresh(p, view);
      }
    }).catch(failed);
  }

  /** Shows a paragraph as the server has it now; text typed meanwhile stays in its editor. */
  function refresh(p, view) {
    api('GET', notePath(state.note.id) + '/paragraph/' + enc(p.id)).then(function (fresh) {
      if (view !== state.view) { return; }
      var i = state.note.paragraphs.indexOf(p);
      if (i < 0) { return; }
      var typed = typedText(p);
      fresh.saving = p.saving;
      state.note.paragraphs[i] = fresh;
      var old = document.querySelector('[data-paragraph="' + CSS.escape(p.id) + '"]');
      if (!old) { return; }
      disposeCharts(p.id);
      var now = paragraphView(fresh, i);
      old.parentNode.replaceChild(now, old);
      if (noteFormNames(fresh.text).length) { refreshNoteForms(view); }
      var area = now.querySelector('textarea.code');
      if (area && typed !== (fresh.text || '')) {
        area.value = typed;
        area.dispatchEvent(new Event('input'));
      }
    }).catch(failed);
  }

  function find(pid) {
    return (state.note.paragraphs || []).filter(function (p) { return p.id === pid; })[0];
  }

  /* ---------- results ---------- */
  function results(p, out) {
    var msgs = (p.results && p.results.msg) || [];
    if (msgs.length === 0) { return; }
    var cfg = (p.config && p.config.results) || {};
    var request = msgs.map(function (m, i) {
      return {type: m.type, data: m.type === 'TABLE' || m.type === 'HTML' ? m.data : '', graph: cfg[i] && cfg[i].graph};
    });
    var slots = msgs.map(function () { var s = el('div', {className: 'result'}); out.appendChild(s); return s; });
    var needsServer = msgs.some(function (m) { return m.type === 'TABLE' || m.type === 'HTML'; });
    var view = state.view;
    (needsServer ? render(request) : Promise.resolve(msgs.map(function () { return {}; }))).then(function (rendered) {
      if (view !== state.view || !document.body.contains(out)) { return; }
      msgs.forEach(function (m, i) { result(p, i, m, rendered[i] || {}, slots[i]); });
    }).catch(failed);
  }

  function render(request) {
    return fetch('render', {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({results: request})}).then(function (r) {
      if (!r.ok) { var e = new Error(r.status + ' ' + r.statusText); e.status = r.status; throw e; }
      return r.json();
    }).then(function (j) { return j.results; });
  }

  function result(p, i, m, rendered, slot) {
    clear(slot);
    if (m.type === 'TABLE') {
      var table = parseTable(m.data);
      var graph = (((p.config || {}).results || {})[i] || {}).graph || {mode: 'table'};
      if (may('write')) { slot.appendChild(chartControls(p, i, table, graph)); }
      if (rendered.option) {
        var div = el('div', {className: 'chart'});
        div.style.height = Math.max(220, rendered.height || graph.height || 300) + 'px';
        slot.appendChild(div);
        draw(p.id, div, rendered.option);
        slot.appendChild(el('details', {className: 'data'}, el('summary', {text: t('dataTable') + ' (' + table.rows.length + ')'}),
          tableView(table)));
      } else {
        slot.appendChild(tableView(table));
      }
    } else if (m.type === 'HTML') {
      var h = el('div', {className: 'html'});
      h.innerHTML = rendered.html || ''; // the server's allow-list (HtmlSanitizer), as on the published pages
      slot.appendChild(h);
    } else if (m.type === 'IMG') {
      slot.appendChild(el('img', {className: 'img', alt: '', src: 'data:image/png;base64,' + String(m.data).trim()}));
    } else if (m.data && String(m.data).trim()) {
      slot.appendChild(el('pre', {className: 'text', text: String(m.data).replace(/\s+$/, '')}));
    }
  }

  function draw(pid, div, option) {
    var chart = echarts.init(div, null, {renderer: 'canvas'});
    chart.setOption(option);
    (state.charts[pid] = state.charts[pid] || []).push(chart);
    div.setAttribute('data-drawn', 'true');
  }

  function parseTable(tsv) {
    var lines = String(tsv || '').split('\n').filter(function (l) { return l.length > 0; });
    var header = lines.length ? lines[0].split('\t') : [];
    return {header: header, rows: lines.slice(1).map(function (l) { return l.split('\t'); })};
  }

  function number(s) {
    if (s === undefined || s === null || String(s).trim() === '') { return null; }
    var d = Number(String(s).trim().replace(/,/g, ''));
    return isFinite(d) ? d : null;
  }

  /** A table sortable by a click on its header (numbers as numbers). */
  function tableView(table) {
    var sort = {col: -1, dir: 1};
    var tbody = el('tbody');
    var t0 = el('table', {className: 'result-table'});
    var head = el('tr');
    table.header.forEach(function (h, c) {
      head.appendChild(el('th', {'data-col': c, title: t('sortHint'), onclick: function () {
        sort.dir = sort.col === c ? -sort.dir : 1;
        sort.col = c;
        Array.prototype.forEach.call(head.children, function (th, k) {
          th.setAttribute('aria-sort', k === c ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
        });
        fill();
      }}, h));
    });
    t0.appendChild(el('thead', null, head));
    t0.appendChild(tbody);
    function fill() {
      var rows = table.rows.slice();
      if (sort.col >= 0) {
        rows.sort(function (a, b) {
          var x = a[sort.col] || '';
          var y = b[sort.col] || '';
          var nx = number(x);
          var ny = number(y);
          var r = nx !== null && ny !== null ? nx - ny : x.localeCompare(y, 'zh');
          return r * sort.dir;
        });
      }
      clear(tbody);
      rows.forEach(function (row) {
        var tr = el('tr');
        table.header.forEach(function (h, c) {
          var v = row[c] === undefined ? '' : row[c];
          tr.appendChild(el('td', {className: number(v) !== null ? 'num' : null, text: v}));
        });
        tbody.appendChild(tr);
      });
    }
    fill();
    return el('div', {className: 'table-wrap'}, t0);
  }

  /** The chart's type, keys, groups and values with their aggregation; saved in the paragraph as Zeppelin saves them. */
  function chartControls(p, i, table, graph) {
    var mode = graph.mode === 'multiBarChart' && graph.setting && graph.setting.multiBarChart && graph.setting.multiBarChart.stacked
      ? 'stackedBarChart' : graph.mode || 'table';
    var bar = el('div', {className: 'chart-controls'});
    var modes = el('div', {className: 'modes', role: 'group'});
    MODES.forEach(function (m) {
      modes.appendChild(el('button', {type: 'button', className: 'mode' + (m === mode ? ' on' : ''), 'data-mode': m,
        'aria-pressed': m === mode ? 'true' : 'false', text: t('mode.' + m), onclick: function () {
          var g = copy(graph);
          g.mode = m === 'stackedBarChart' ? 'multiBarChart' : m;
          g.setting = g.setting || {};
          if (m === 'stackedBarChart' || m === 'multiBarChart') { g.setting.multiBarChart = {stacked: m === 'stackedBarChart'}; }
          if (!g.keys || !g.keys.length) { g.keys = table.header.length ? [col(table, 0)] : []; }
          if (!g.values || !g.values.length) {
            var v = firstNumeric(table);
            g.values = v >= 0 ? [col(table, v, 'sum')] : [];
          }
          saveGraph(p, i, g);
        }}));
    });
    bar.appendChild(modes);
    if (mode !== 'table') {
      var roles = el('div', {className: 'columns'});
      table.header.forEach(function (h, c) {
        var role = inRole(graph.keys, c) ? 'keys' : inRole(graph.groups, c) ? 'groups' : inRole(graph.values, c) ? 'values' : '';
        var sel = el('select', {className: 'col-role', 'data-col': c, 'aria-label': h});
        ['', 'keys', 'groups', 'values'].forEach(function (r) {
          sel.appendChild(el('option', {value: r, selected: r === role, text: r ? t('role.' + r) : '—'}));
        });
        var aggr = el('select', {className: 'col-aggr', 'data-col': c, disabled: role !== 'values'});
        var current = role === 'values' ? (graph.values.filter(function (v) { return sameCol(v, c); })[0].aggr || 'sum') : 'sum';
        AGGRS.forEach(function (a) { aggr.appendChild(el('option', {value: a, selected: a === current, text: a})); });
        function change() {
          var g = copy(graph);
          ['keys', 'groups', 'values'].forEach(function (r) {
            g[r] = (g[r] || []).filter(function (v) { return !sameCol(v, c); });
          });
          if (sel.value) { g[sel.value].push(col(table, c, sel.value === 'values' ? aggr.value : undefined)); }
          saveGraph(p, i, g);
        }
        sel.addEventListener('change', change);
        aggr.addEventListener('change', change);
        roles.appendChild(el('span', {className: 'col'}, el('span', {className: 'col-name', text: h}), sel, aggr));
      });
      bar.appendChild(roles);
    }
    return bar;
  }

  function col(table, c, aggr) {
    var o = {name: table.header[c], index: c};
    if (aggr) { o.aggr = aggr; }
    return o;
  }
  function sameCol(v, c) { return v && v.index === c; }
  function inRole(list, c) { return (list || []).some(function (v) { return sameCol(v, c); }); }
  function copy(o) { return JSON.parse(JSON.stringify(o || {})); }
  function firstNumeric(table) {
    for (var c = 1; c < table.header.length; c++) {
      if (table.rows.length && number(table.rows[0][c]) !== null) { return c; }
    }
    return table.header.length > 1 ? 1 : -1;
  }

  function saveGraph(p, i, graph) {
    var results = copy((p.config || {}).results || {});
    results[i] = results[i] || {};
    results[i].graph = graph;
    setConfig(p, {results: results});
  }

  document.addEventListener('DOMContentLoaded', start);
})();
