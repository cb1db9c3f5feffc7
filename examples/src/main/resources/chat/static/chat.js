// The chat page's client: one WebSocket to /chatsocket. Messages are shown with textContent,
// never as HTML, so whatever people type stays text.
(function () {
  'use strict';

  var inbox = document.getElementById('inbox');
  var status = document.getElementById('status');
  var error = document.getElementById('error');
  var form = document.getElementById('messageform');
  var input = document.getElementById('message');
  var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  var socket = new WebSocket(scheme + location.host + '/chatsocket');

  function setState(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  function span(className, text) {
    var node = document.createElement('span');
    node.className = className;
    node.textContent = text;
    return node;
  }

  function show(message) {
    if (document.getElementById('m-' + message.id)) {
      return;
    }
    var row = document.createElement('div');
    row.className = 'message';
    row.id = 'm-' + message.id;
    row.appendChild(span('nick', message.nick));
    row.appendChild(span('body', message.body));
    inbox.appendChild(row);
    inbox.scrollTop = inbox.scrollHeight;
  }

  socket.onopen = function () {
    setState('open', 'Connected');
  };

  socket.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.type === 'message') {
      show(data);
    } else if (data.type === 'error') {
      error.textContent = data.error;
    }
  };

  socket.onclose = function (event) {
    setState('closed', 'Disconnected' + (event.reason ? ': ' + event.reason : ''));
  };

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (socket.readyState !== WebSocket.OPEN) {
      error.textContent = 'not connected';
      return;
    }
    error.textContent = '';
    socket.send(JSON.stringify({ body: input.value }));
    input.value = '';
    input.focus();
  });
}());
