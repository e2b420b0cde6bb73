// The widget's CSS, applied inside its shadow root only: the host page's styles do not reach in, and these
// do not leak out. :host resets inherited properties (fonts, colours) that would otherwise cross the boundary.

export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex;
  flex-direction: column-reverse; align-items: flex-end; /* launcher first in tab order, drawn below the panel */
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo",
  "Malgun Gothic", sans-serif; color: #1f2328; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.launcher { position: relative; width: 60px; height: 60px; border-radius: 50%; border: none; background: #2456d6;
  color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher svg { width: 28px; height: 28px; fill: currentColor; vertical-align: middle; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: #d1242f; color: #fff; font-size: 13px; font-weight: 700; line-height: 22px; text-align: center; }
.badge[hidden], .panel[hidden], .typing[hidden], .status[hidden] { display: none; }
.panel { width: min(380px, calc(100vw - 40px)); height: min(560px, calc(100vh - 110px)); margin-bottom: 12px;
  display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 8px 30px rgba(0,0,0,.25); }
.header { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px;
  background: #2456d6; color: #fff; }
.header h2 { margin: 0; font-size: 17px; font-weight: 600; }
.close { background: none; border: none; color: #fff; font-size: 26px; line-height: 1; padding: 0 4px; }
.log { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 12px; background: #f6f8fa; }
.message { display: flex; flex-direction: column; margin: 6px 0; }
.bubble { margin: 0; max-width: 85%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap;
  overflow-wrap: anywhere; background: #fff; border: 1px solid #d0d7de; align-self: flex-start; }
.from-customer .bubble { align-self: flex-end; background: #2456d6; color: #fff; border-color: #2456d6; }
.from-agent .bubble { border-color: #1a7f37; }
.from-system .bubble { background: #fff8c5; border-color: #d4a72c; }
.message.failed .bubble { opacity: .6; }
.retry { align-self: flex-end; background: none; border: none; color: #d1242f; font-size: 13px; padding: 2px 0; }
.quick-replies, .rating { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.quick-reply, .rate { border: 1px solid #2456d6; background: #fff; color: #2456d6; border-radius: 16px; padding: 4px 12px; }
.rate { width: 40px; padding: 6px 0; font-weight: 700; }
.rate[aria-pressed="true"] { background: #2456d6; color: #fff; }
.typing, .status { padding: 4px 14px; font-size: 13px; color: #57606a; background: #f6f8fa; }
.dots::before { content: "● ● ●"; letter-spacing: 2px; margin-right: 6px; animation: blink 1.2s infinite; }
@keyframes blink { 50% { opacity: .3; } }
@media (prefers-reduced-motion: reduce) { .dots::before { animation: none; } }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d0d7de; background: #fff; }
.composer textarea { flex: 1; resize: none; font: inherit; padding: 8px; border: 1px solid #d0d7de; border-radius: 8px; }
.send { border: none; background: #2456d6; color: #fff; border-radius: 8px; padding: 0 14px; }
`;
