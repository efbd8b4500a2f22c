// The pick screen's offline queue. Blazor Server runs the page on the server: while the circuit is down (warehouse
// Wi-Fi drops), a scan typed into the page would reach nobody. So while it is down, this module takes the scan field's
// Enter itself, keeps each scan in localStorage (per user and list) with the idempotency key it got when scanned, and
// sends the queue to PUT /api/v1/handling-lists/{id}/items when the network is back; a retry after a lost answer reuses
// the key, so the server counts each scan once. The server judges every queued scan (this module cannot see the walk
// as it is now): it picks one unit of that SKU, or refuses with the reason, which the banner shows. Once the circuit is
// back and the queue is empty, the page reloads the list and the one online path (the page's scan handler) takes over.
import { tone } from "./pick.js";

const DOWN = ["components-reconnect-show", "components-reconnect-retrying", "components-reconnect-failed",
    "components-reconnect-paused", "components-reconnect-resume-failed", "components-reconnect-rejected"];
const RETRY_MS = 3000;

export function start(host, dotnet, options) {
    return new OfflineQueue(host, dotnet, options);
}

class OfflineQueue {
    constructor(host, dotnet, { listId, storageKey, positions }) {
        this.host = host;
        this.dotnet = dotnet;
        this.listId = listId;
        this.storageKey = storageKey;
        this.positions = new Set((positions || []).map(p => p.toUpperCase()));
        this.sending = false;
        this.reloadPending = false;
        this.modal = document.getElementById("components-reconnect-modal");
        this.wasDown = this.circuitDown();

        this.onSubmit = event => this.capture(event);
        this.onNetwork = () => this.changed();
        window.addEventListener("submit", this.onSubmit, true); // capture, before Blazor's own listener
        window.addEventListener("online", this.onNetwork);
        window.addEventListener("offline", this.onNetwork);
        if (this.modal) {
            this.observer = new MutationObserver(() => this.changed());
            this.observer.observe(this.modal, { attributes: true, attributeFilter: ["class"] });
        }
        // On the pick screen this banner replaces Blazor's "connection lost" card, which would cover the scan field.
        document.documentElement.classList.add("pick-offline-ready");
        this.timer = setInterval(() => { if (this.state().waiting.length) this.flush(); }, RETRY_MS);
        this.render();
        this.flush(); // scans left from an earlier page (the circuit could not come back and the page was reloaded)
    }

    stop() {
        window.removeEventListener("submit", this.onSubmit, true);
        window.removeEventListener("online", this.onNetwork);
        window.removeEventListener("offline", this.onNetwork);
        this.observer?.disconnect();
        clearInterval(this.timer);
        clearTimeout(this.fade);
        document.documentElement.classList.remove("pick-offline-ready", "pick-is-offline");
    }

    circuitDown() {
        return !!this.modal && DOWN.some(c => this.modal.classList.contains(c));
    }

    offline() {
        return !navigator.onLine || this.circuitDown();
    }

    state() {
        try {
            const saved = JSON.parse(localStorage.getItem(this.storageKey) || "null");
            if (saved && Array.isArray(saved.waiting)) return saved;
        } catch { /* unreadable storage (private mode, a damaged entry): start from an empty queue below */ }
        return { waiting: [], sent: null, position: null };
    }

    save(state) {
        if (!state.waiting.length && !state.sent && !state.position) localStorage.removeItem(this.storageKey);
        else localStorage.setItem(this.storageKey, JSON.stringify(state));
    }

    /** The scan field's Enter: the page's own handler while online, this queue while offline or while scans still wait (so they keep their order). */
    capture(event) {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.matches("form.pick-scan")) return;
        const state = this.state();
        if (!this.offline() && !state.waiting.length && !this.sending) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        const input = form.querySelector("input");
        const code = (input?.value || "").trim().toUpperCase();
        if (input) input.value = "";
        if (!code) return;
        if (this.positions.has(code)) {
            // A position of this list: the SKUs scanned next are picked from it (the server checks they are there).
            state.position = code;
            state.note = `Position ${code}: now scan the SKU.`;
        } else {
            const key = crypto.randomUUID ? crypto.randomUUID().replaceAll("-", "") : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, "0")).join("");
            state.waiting.push({ key, code, position: state.position || null, at: new Date().toISOString() });
            state.note = null;
        }
        if (state.sent && state.waiting.length === 1) state.sent = null; // a new offline stretch: the last report is old news
        this.save(state);
        // Kept, not picked: the server judges it later, so not the good scan's tone (the picker must not take it as picked).
        tone("queued");
        this.render();
        if (!this.offline()) this.flush();
    }

    changed() {
        const down = this.circuitDown();
        const back = this.wasDown && !down;
        this.wasDown = down;
        if (back) this.reloadPending = true;
        this.render();
        this.flush();
    }

    /** Sends the waiting scans in the order they were made; each leaves the queue only once the server has answered it. */
    async flush() {
        if (this.sending || !navigator.onLine) { this.afterFlush(); return; }
        let state = this.state();
        if (!state.waiting.length) { this.afterFlush(); return; }
        this.sending = true;
        this.render();
        try {
            while ((state = this.state()).waiting.length) {
                const scan = state.waiting[0];
                const answer = await this.send(scan);
                if (answer.keep) { state.problem = answer.text; this.save(state); break; }
                state = this.state();
                state.waiting = state.waiting.filter(w => w.key !== scan.key);
                state.problem = null;
                const sent = state.sent && state.sent.open ? state.sent : { results: [], open: true };
                sent.results.push({ code: scan.code, ok: answer.ok, text: answer.text });
                sent.at = new Date().toISOString();
                state.sent = sent;
                this.save(state);
                this.reloadPending = true;
                this.render();
            }
            if (!state.waiting.length && state.sent) {
                // All answered: one tone for the lot (the low one when any was refused, so the picker reads the banner),
                // and the next offline stretch starts afresh (no position carried over from this one).
                if (state.sent.open) tone(state.sent.results.some(r => !r.ok) ? "wrong" : "good");
                Object.assign(state, { position: null, note: null });
                state.sent.open = false;
                this.save(state);
            }
        } finally {
            this.sending = false;
            this.render();
            this.afterFlush();
        }
    }

    /** One scan as one unit; the answer says whether it left the queue (answered) or stays (no answer yet, or signed out). */
    async send(scan) {
        let response;
        try {
            response = await fetch(`/api/v1/handling-lists/${this.listId}/items`, {
                method: "PUT", credentials: "same-origin", cache: "no-store",
                headers: { "Content-Type": "application/json", "Accept": "application/json" },
                body: JSON.stringify({ key: scan.key, sku: scan.code, quantity: 1, position: scan.position }),
            });
        } catch {
            return { keep: true, text: "No connection yet." };
        }
        let body = null;
        try { body = await response.json(); } catch { /* not JSON (a proxy's error page): judged by its status below */ }
        if (response.ok) {
            const totes = (body?.totes || []).map(t => t.label).filter(Boolean).join(", ");
            return { ok: true, text: `${body?.quantity ?? 1} × ${body?.sku ?? scan.code} picked${totes ? `, tote ${totes}` : ""}` };
        }
        if (response.status === 401) return { keep: true, text: "Signed out: sign in again to send them." };
        if (response.status >= 500 || response.status === 429 || response.status === 408) return { keep: true, text: "The server did not take them yet; trying again." };
        const reason = body?.detail || Object.values(body?.errors || {}).flat()[0] || body?.title || `refused (${response.status})`;
        return { ok: false, text: reason };
    }

    /** Once the circuit is back and nothing waits, the page reads the list again (it could not follow while offline). */
    afterFlush() {
        if (!this.reloadPending || this.circuitDown() || this.sending || this.state().waiting.length) return;
        this.reloadPending = false;
        this.dotnet.invokeMethodAsync("OfflineScansSentAsync").catch(() => { this.reloadPending = true; });
    }

    dismiss() {
        const state = this.state();
        state.sent = null;
        this.save(state);
        this.render();
    }

    render() {
        const state = this.state();
        const offline = this.offline();
        const waiting = state.waiting.length;
        const host = this.host;
        // The feedback on the page is about the last scan sent online: hidden while the banner speaks for the offline ones.
        document.documentElement.classList.toggle("pick-is-offline", offline);
        if (!host?.isConnected) return;
        host.replaceChildren();
        if (!offline && !waiting && !state.sent) { host.hidden = true; return; }
        host.hidden = false;
        host.className = `pick-offline ${offline ? "pick-offline-down" : waiting || this.sending ? "pick-offline-sending" : "pick-offline-sent"}`;

        const title = document.createElement("div");
        title.className = "pick-offline-title";
        title.dataset.testid = "pick-offline-title";
        const plural = n => n === 0 ? "no scans" : `${n} ${n === 1 ? "scan" : "scans"}`;
        title.textContent = offline
            ? `Offline: ${plural(waiting)} waiting`
            : waiting ? `Back online: sending ${plural(waiting)}…` : `${plural(state.sent.results.length)} sent at ${time(state.sent.at)}`;
        host.append(title);

        const line = text => { const p = document.createElement("p"); p.className = "pick-offline-text"; p.textContent = text; host.append(p); return p; };
        if (offline) line("Keep scanning: each scan is one unit, kept on this device and sent when the connection is back.");
        if (state.note) line(state.note);
        if (state.problem && waiting && !offline) line(state.problem);
        if (waiting) {
            const list = document.createElement("ol");
            list.className = "pick-offline-list";
            list.dataset.testid = "pick-offline-waiting";
            for (const scan of state.waiting) {
                const item = document.createElement("li");
                item.textContent = `${scan.code}${scan.position ? ` at ${scan.position}` : ""} · ${time(scan.at)}`;
                list.append(item);
            }
            host.append(list);
        }
        if (state.sent && !waiting) {
            const picked = state.sent.results.filter(r => r.ok).length;
            const refused = state.sent.results.filter(r => !r.ok);
            // A report of scans all picked goes by itself after a while; one with refusals stays until dismissed.
            if (!refused.length && !state.sent.open) {
                clearTimeout(this.fade);
                this.fade = setTimeout(() => { const now = this.state(); if (now.sent && !now.sent.open && !now.waiting.length) this.dismiss(); }, 30000);
            }
            line(`${picked} picked${refused.length ? `, ${refused.length} refused` : ""}.`);
            const list = document.createElement("ul");
            list.className = "pick-offline-list";
            list.dataset.testid = "pick-offline-sent";
            for (const result of state.sent.results) {
                const item = document.createElement("li");
                item.className = result.ok ? "pick-offline-ok" : "pick-offline-refused";
                item.textContent = `${result.ok ? "✓" : "✗ Refused:"} ${result.code}: ${result.text}`;
                list.append(item);
            }
            host.append(list);
            const button = document.createElement("button");
            button.type = "button";
            button.className = "pick-button";
            button.textContent = "Dismiss";
            button.addEventListener("click", () => this.dismiss());
            host.append(button);
        }
    }
}

function time(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
