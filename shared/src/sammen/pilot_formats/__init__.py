"""What every digital-dialogue pilot format shares (services/digital-dialogue), one part a module
(imported from its module, so the pure rules come without Flask, SQLAlchemy or pika).

`announcer` and `worker`: how a format is seen by the hub (heartbeat, withdrawal) and runs its
jobs; `moderation`: handing contributions to the hub's shared moderation queue and taking its
decisions back; `contributors`: the rules for the people who answer (pure); `personal_data`: the
answers to access and erasure requests; `queues`: the queues every format consumes; `web`: the app,
the 404 and the CSV download every format serves.
"""
