"""The vidloom service: settings, database, jobs, queues, storage, plans and quotas, feed.

No torch here: the worker imports engines only when it runs a job.
"""
