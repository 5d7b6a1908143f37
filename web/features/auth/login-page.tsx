// Sign in with a local account; afterwards, back to the page that asked for it.
import { useState, type FormEvent } from "react";
import { Navigate, useSearchParams } from "react-router";
import { FormMessage, TextField } from "../../components/ui/field.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { useSubmit } from "../../lib/use-submit.ts";
import { useSession } from "./session.tsx";

/** Only paths on this site: a `next` that points elsewhere would make the login page an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [wrong, setWrong] = useState(false);
  const submission = useSubmit(async () => {
    setWrong(false);
    try {
      await signIn(email, password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setWrong(true);
      throw error;
    }
  }, ["email", "password"]);

  if (state.status === "signed-in") return <Navigate to={safeNext(params.get("next"))} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submission.submit();
  };
  return (
    <main className="login">
      <div className="login__panel">
        <p className="brand brand--large" aria-hidden="true">
          Plumbline
        </p>
        <h1>Sign in</h1>
        <p className="muted">The truth about your initiatives, while there is still time to act.</p>
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={submission.fieldErrors.email}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={submission.fieldErrors.password}
          />
          <FormMessage
            error={wrong ? "That email and password do not match an account." : submission.formError}
          />
          <button type="submit" className="button button--primary" disabled={submission.pending}>
            {submission.pending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
