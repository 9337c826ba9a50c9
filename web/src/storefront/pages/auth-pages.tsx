import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../shared/api/client.ts';
import { TextField } from '../../shared/components/field.tsx';
import { ErrorNote } from '../../shared/components/status.tsx';
import { useAction } from '../../shared/hooks/use-action.ts';
import { paths, safeNext } from '../../shared/routes/paths.ts';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../shared/session/session.tsx';

function useNext(): string {
  return safeNext(useSearchParams()[0].get('next'));
}

const CART_KEPT = 'Anything in your cart stays there: it moves into your account when you sign in.';

export function SignInPage() {
  const session = useSession();
  const next = useNext();
  const action = useAction();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  if (session.me && !action.pending) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await session.signIn(email, password);
      void navigate(next, { replace: true });
    });
  };
  const fields = fieldErrorsOf(action.error);
  const wrongCredentials = action.error?.code === 'INVALID_CREDENTIALS';
  return (
    <section className="page page-narrow">
      <h1>Sign in</h1>
      <p className="muted">{CART_KEPT}</p>
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
          error={fields['email']}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={fields['password'] ?? (wrongCredentials ? action.error?.message : undefined)}
        />
        {!wrongCredentials && Object.keys(fields).length === 0 && (
          <ErrorNote error={action.error} />
        )}
        <button type="submit" className="button" disabled={action.pending}>
          {action.pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to={paths.signUp(next === '/' ? undefined : next)}>Create an account</Link>
      </p>
    </section>
  );
}

export function SignUpPage() {
  const session = useSession();
  const next = useNext();
  const action = useAction();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', password: '', firstName: '', lastName: '' });
  if (session.me && !action.pending) return <Navigate to={next} replace />;

  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await session.signUp(form);
      void navigate(next, { replace: true });
    });
  };
  const fields = fieldErrorsOf(action.error);
  const emailTaken = action.error?.code === 'EMAIL_TAKEN';
  return (
    <section className="page page-narrow">
      <h1>Create an account</h1>
      <p className="muted">{CART_KEPT}</p>
      <form onSubmit={submit} noValidate className="form">
        <div className="field-row">
          <TextField
            label="First name"
            name="firstName"
            autoComplete="given-name"
            value={form.firstName}
            onChange={set('firstName')}
            error={fields['firstName']}
          />
          <TextField
            label="Last name"
            name="lastName"
            autoComplete="family-name"
            value={form.lastName}
            onChange={set('lastName')}
            error={fields['lastName']}
          />
        </div>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fields['email'] ?? (emailTaken ? action.error?.message : undefined)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          value={form.password}
          onChange={set('password')}
          error={fields['password']}
        />
        {!emailTaken && Object.keys(fields).length === 0 && <ErrorNote error={action.error} />}
        <button type="submit" className="button" disabled={action.pending}>
          {action.pending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account?{' '}
        <Link to={paths.signIn(next === '/' ? undefined : next)}>Sign in</Link>
      </p>
    </section>
  );
}
