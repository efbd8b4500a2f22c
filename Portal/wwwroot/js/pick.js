// The pick screen's browser side: keep the scan field focused (a scanner types into whatever has focus) and play
// short tones for a good and a wrong scan. A module loaded by the page: the content security policy allows no inline script.
let audio;

export function focusScan(input) {
    if (!input) return;
    if (document.activeElement !== input) input.focus({ preventScroll: true });
    if (input.dataset.keepFocus) return;
    input.dataset.keepFocus = "1";
    // A tap on the page's background or a button leaves focus on body or the button: bring it back to the field,
    // unless the picker is typing in another field (e.g. a reason).
    document.addEventListener("focusout", () => setTimeout(() => {
        const active = document.activeElement;
        const typing = active && active !== input && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT");
        if (input.isConnected && !typing && !document.querySelector(".mud-dialog")) input.focus({ preventScroll: true });
    }, 0));
}

export function tone(kind) {
    try {
        audio ??= new AudioContext();
        const now = audio.currentTime;
        // good: rising two notes; wrong: falling low buzz; queued (kept offline, not judged yet): one short middle note.
        const notes = kind === "good" ? [[880, 0, 0.09], [1320, 0.09, 0.12]]
            : kind === "queued" ? [[660, 0, 0.07]]
            : [[220, 0, 0.18], [165, 0.2, 0.25]];
        for (const [frequency, start, length] of notes) {
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            oscillator.type = kind === "wrong" ? "square" : kind === "queued" ? "triangle" : "sine";
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.2, now + start);
            gain.gain.exponentialRampToValueAtTime(0.001, now + start + length);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start(now + start);
            oscillator.stop(now + start + length);
        }
    } catch {
        // No audio (blocked or unsupported): the screen's colours still say it.
    }
}

export function remember(key, value) {
    try { value ? localStorage.setItem(key, value) : localStorage.removeItem(key); } catch { /* storage refused: the choice is just not remembered */ }
}

export function recall(key) {
    try { return localStorage.getItem(key); } catch { return null; }
}
