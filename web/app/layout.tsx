// The frame around signed-in pages: a skip link, the header with navigation, who is signed in, and the live state.
import { NavLink, Outlet } from "react-router";
import { LiveIndicator } from "../components/ui/live-indicator.tsx";
import { can, useSession, useUser } from "../features/auth/session.tsx";

export function Layout() {
  const user = useUser();
  const { signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Plumbline
        </NavLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Radiator
              </NavLink>
            </li>
            <li>
              <NavLink to="/me">My work</NavLink>
            </li>
            <li>
              <NavLink to="/pulses">Pulses</NavLink>
            </li>
            <li>
              <NavLink to="/alignment">Alignment</NavLink>
            </li>
            <li>
              <NavLink to="/tv">TV mode</NavLink>
            </li>
            {can(user, "plan") ? (
              <li>
                <NavLink to="/new">New initiative</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="app-header__end">
          <LiveIndicator />
          <span className="who">
            {user.name} <span className="muted">({user.role})</span>
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
