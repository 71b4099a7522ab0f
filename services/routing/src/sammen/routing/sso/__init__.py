"""Staff single sign-on with the municipality's OpenID Connect provider (Microsoft Entra ID).

`config` reads the settings, `client` speaks OpenID Connect with the provider (Authlib), `staff`
turns the provider's claims into Sammen's staff account, `views` are the two pages of the flow,
and `web` is what the login page, the password login and sign-out ask of it. A signed-in person
gets the same staff token as a password login (`sammen.auth.issue_token`), so every service
knows them as before.
"""
