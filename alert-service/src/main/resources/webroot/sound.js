// The alarm sound, generated with WebAudio (no audio file): a two-tone horn for a new level-2 alarm and a
// short chime as a reminder while level-2 alarms stay unacknowledged. Browsers only let a page make sound
// after someone has clicked on it; until then the mute button says so.

const MIN_GAP_MS = 1500;

export function createSound(button, t) {
  let ctx = null;
  let muted = false;
  let lastPlayed = 0;
  let played = 0;
  try {
    muted = window.localStorage.getItem('hw.muted') === 'true';
  } catch (e) { /* default: sound on */ }

  function context() {
    if (!ctx) {
      const Audio = window.AudioContext || window.webkitAudioContext;
      if (!Audio) {
        return null;
      }
      ctx = new Audio();
    }
    if (ctx.state === 'suspended') {
      ctx.resume().catch(() => {}).finally(render);
    }
    return ctx;
  }

  function blocked() {
    return !muted && (!ctx || ctx.state !== 'running');
  }

  function render() {
    button.setAttribute('aria-pressed', String(muted));
    button.dataset.muted = String(muted);
    button.dataset.blocked = String(blocked());
    button.textContent = muted ? t('sound.off') : t('sound.on');
    button.title = blocked() ? t('sound.blocked') : '';
  }

  function tone(pattern, type, volume) {
    if (muted) {
      return false;
    }
    const now = Date.now();
    if (now - lastPlayed < MIN_GAP_MS) {
      return false;
    }
    const audio = context();
    if (!audio) {
      return false;
    }
    lastPlayed = now;
    const start = audio.currentTime + 0.01;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = type;
    let at = start;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + 0.02);
    pattern.forEach(([hz, seconds]) => {
      osc.frequency.setValueAtTime(hz, at);
      at += seconds;
    });
    gain.gain.setValueAtTime(volume, at - 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at);
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(at + 0.02);
    played += 1;
    document.body.dataset.soundCount = String(played);
    return true;
  }

  button.addEventListener('click', () => {
    muted = !muted;
    try {
      window.localStorage.setItem('hw.muted', String(muted));
    } catch (e) { /* ignore */ }
    if (!muted) {
      context();
    }
    render();
  });
  // the first click anywhere unlocks audio
  document.addEventListener('pointerdown', () => { if (!muted) { context(); render(); } }, { once: true });
  render();

  return {
    /** A new level-2 alarm: three rising-falling horn cycles. */
    alarm() {
      return tone([[880, 0.2], [660, 0.2], [880, 0.2], [660, 0.2], [880, 0.2], [660, 0.2]], 'square', 0.2);
    },
    /** Level-2 alarms still unacknowledged. */
    reminder() {
      return tone([[988, 0.15], [784, 0.25]], 'sine', 0.25);
    },
    render
  };
}
