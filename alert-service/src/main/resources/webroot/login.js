// The board's login page: POST /login as JSON sets the session cookie (HttpOnly: this script never sees it), then
// the board opens, at the view it was sent here from (the address's #hash).
const form = document.getElementById('login');
const error = document.getElementById('login-error');

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const button = document.getElementById('login-submit');
  button.disabled = true;
  error.hidden = true;
  fetch(location.origin + '/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      username: document.getElementById('username').value,
      password: document.getElementById('password').value
    })
  }).then((r) => r.json().catch(() => ({})).then((body) => {
    if (!r.ok) {
      throw new Error(body.message || ('HTTP ' + r.status));
    }
    location.assign(location.origin + '/' + (location.hash || ''));
  })).catch((err) => {
    error.textContent = err.message;
    error.hidden = false;
    button.disabled = false;
  });
});
