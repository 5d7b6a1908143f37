// Who is signed in: reads /auth/me once, signs in and out, and hands the CSRF token to the ApiClient.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "../../lib/api-client.ts";
import { useApiClient } from "../../lib/api-context.tsx";
import type { Action, Session, SessionUser } from "../../lib/api-types.ts";

type SessionState =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "signed-out" }
  | { status: "signed-in"; user: SessionUser };

interface SessionContextValue {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApiClient();
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  const accept = useCallback(
    (session: Session) => {
      api.setCsrfToken(session.csrf_token);
      setState({ status: "signed-in", user: { ...session.user, can: session.can } });
    },
    [api],
  );

  useEffect(() => {
    api.onUnauthorized = () => {
      api.setCsrfToken(null);
      setState({ status: "signed-out" });
    };
    const controller = new AbortController();
    api.me(controller.signal).then(accept, (error: Error) => {
      if (controller.signal.aborted) return;
      setState(
        error instanceof ApiError && error.status === 401
          ? { status: "signed-out" }
          : { status: "error", error },
      );
    });
    return () => controller.abort();
  }, [api, accept, attempt]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signIn: async (email, password) => accept(await api.login(email, password)),
      signOut: async () => {
        await api.logout();
        api.setCsrfToken(null);
        setState({ status: "signed-out" });
      },
      retry: () => {
        setState({ status: "loading" });
        setAttempt((n) => n + 1);
      },
    }),
    [api, accept, state],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a <SessionProvider>");
  return session;
}

/** The signed-in person; only for components rendered behind <RequireSession>. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useUser needs a signed-in session");
  return state.user;
}

/** What the person may do, as the server's policy answered on /auth/me: the app asks, it does not decide. */
export function can(user: SessionUser, action: Action): boolean {
  return user.can?.[action] === true;
}
