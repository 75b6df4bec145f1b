"""Staff sign-in protection and response hardening: lockout, two-factor, idle timeout, CSP, denials."""
