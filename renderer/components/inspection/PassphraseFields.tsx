// A passphrase typed twice (a bundle or a return being made), or once (opening one). Says what is
// wrong before anything is sent: too short, or the two do not match.
import { PASSPHRASE_MIN_CHARS } from '../../../shared/api/inspection';
import { passphraseProblem } from '../../logic/inspection';

interface Props {
  value: { first: string; second: string };
  onChange(next: { first: string; second: string }): void;
  /** Asked twice (making a file) or once (opening one). */
  twice: boolean;
  testId: string;
}

export function PassphraseFields({ value, onChange, twice, testId }: Props) {
  const problem = value.first === '' && value.second === '' ? null : passphraseProblem(value.first, twice ? value.second : null);
  return (
    <div className="insp-passphrase">
      <label className="insp-field">
        <span>口令（至少 {PASSPHRASE_MIN_CHARS} 个字符）</span>
        <input
          type="password"
          autoComplete="new-password"
          value={value.first}
          data-testid={`${testId}-1`}
          onChange={(e) => onChange({ ...value, first: e.target.value })}
        />
      </label>
      {twice && (
        <label className="insp-field">
          <span>再次输入口令</span>
          <input
            type="password"
            autoComplete="new-password"
            value={value.second}
            data-testid={`${testId}-2`}
            onChange={(e) => onChange({ ...value, second: e.target.value })}
          />
        </label>
      )}
      {problem && (
        <div className="insp-problem" data-testid={`${testId}-problem`}>
          {problem}
        </div>
      )}
    </div>
  );
}

export function passphraseReady(value: { first: string; second: string }, twice: boolean): boolean {
  return passphraseProblem(value.first, twice ? value.second : null) === null;
}
