"""What every digital-dialogue pilot format shares (services/digital-dialogue), one part a module
(imported from its module, so the pure rules come without Flask, SQLAlchemy or pika).

`announcer` and `worker`: how a format is seen by the hub (heartbeat, withdrawal) and runs its
jobs; `moderation`: handing contributions to the hub's shared moderation queue and taking its
decisions back; `contributors`: the rules for the people who answer and the parts they answer
(pure); `answers`: listing, counting and closing answers, and staff opening them on the audit log;
`consultation`: the course a public consultation (a hearing, a theme discussion) follows, from its
answers taken in to its conclusions told, with `tables` and `schemas` its shared columns and API
shape; `fields`: the form fields and checks the formats' schemas share; `forms`: a posted form read
and a public one loaded; `mails`: the mails to contributors; `personal_data`: the answers to access
and erasure requests and their queues; `queues`: the moderation queue every format consumes; `web`:
the app with the shared pages (`templates/pilot_formats/`) and the functions its templates call,
the 404 and the CSV download every format serves.
"""
