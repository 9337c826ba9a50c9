import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../api/client.ts';
import { TextField } from '../components/field.tsx';
import { ErrorNote } from '../components/status.tsx';
import { useAction } from '../hooks/use-action.ts';
import { paths, safeNext } from '../router/paths.ts';
import { Link, navigate, Redirect, useLocation } from '../router/router.tsx';
import { useSession } from '../session/session.tsx';

function useNext(): string {
  return safeNext(useLocation().search.get('next'));
}

const CART_KEPT = 'Anything in your cart stays there: it moves into your account when you sign in.';

export function SignInPage() {
  const session = useSession();
  const next = useNext();
  const action = useAction();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  if (session.me && !action.pending) return <Redirect to={next} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await session.signIn(email, password);
      navigate(next, { replace: true });
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
  const [form, setForm] = useState({ email: '', password: '', firstName: '', lastName: '' });
  if (session.me && !action.pending) return <Redirect to={next} />;

  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await session.signUp(form);
      navigate(next, { replace: true });
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
