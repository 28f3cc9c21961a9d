// The studio's action button: an icon, the action's words, and while the action runs a spinner
// with the words of what is happening (aria-busy set), so work over 300 ms never looks stalled.
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Spinner } from './Spinner';

interface ActionButtonProps {
  icon: LucideIcon;
  children: ReactNode;
  onClick: () => void;
  busy?: boolean;
  /** What the button says while busy ("Building…"); its own words if absent. */
  busyLabel?: string;
  disabled?: boolean;
  /** The step's main action (filled); else a plain button. */
  primary?: boolean;
}

export function ActionButton(props: ActionButtonProps) {
  const { icon: Icon, busy = false, primary = true } = props;
  return (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      onClick={props.onClick}
      disabled={props.disabled ?? busy}
      aria-busy={busy}
    >
      {busy ? <Spinner /> : <Icon size={16} aria-hidden="true" />}
      {busy && props.busyLabel ? props.busyLabel : props.children}
    </button>
  );
}
