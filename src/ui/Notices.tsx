// The notices of notices.ts, above Back / Next: a polite live region, each with a Dismiss button. They
// stay until dismissed (no timer: WCAG 2.2.1), at most three.
import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { useStudio } from '../state/store';

export function Notices() {
  const notices = useStudio((s) => s.notices);
  const dismiss = useStudio((s) => s.dismissNotice);
  return (
    <ul className="notices" aria-live="polite" aria-label="Notices">
      {notices.map((notice) => {
        const Icon = notice.kind === 'error' ? CircleAlert : CircleCheck;
        return (
          <li key={notice.id} className="notice" data-kind={notice.kind}>
            <Icon size={18} aria-hidden="true" />
            <p>{notice.text}</p>
            <button
              type="button"
              className="icon-only"
              aria-label={`Dismiss: ${notice.text}`}
              onClick={() => dismiss(notice.id)}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
