"""What the `newsroom` command says, in English (`--lang en`, `NEWSROOM_LANG=en`, or an
English locale). The same ids and parameters as `vi.py`."""

MESSAGES: dict[str, str] = {
    # -- numbers, words used in other messages --------------------------------------
    "number.decimal_comma": "no",
    "status.draft": "draft",
    "status.in_review": "in_review",
    "status.scheduled": "scheduled",
    "status.published": "published",
    "status.unpublished": "unpublished",
    "field.title": "title",
    "field.summary": "summary",
    "field.body": "body",
    "field.category": "category",
    "field.tags": "tags",
    "field.author": "author",
    "field.source": "source",
    # -- why a file or network operation failed ---------------------------------------
    "cause.not_found": "no such file or folder",
    "cause.is_a_directory": "it is a folder, not a file",
    "cause.not_a_directory": "part of the path is not a folder",
    "cause.permission": "permission denied",
    "cause.disk_full": "the disk is full",
    "cause.not_utf8": "not UTF-8 text (byte 0x{byte} at position {position})",
    "cause.refused": "connection refused: nothing is listening at that address",
    "cause.no_such_host": "no server has that name",
    "cause.timed_out": "timed out",
    "cause.dropped": "the connection was dropped midway",
    # -- where an article is -----------------------------------------------------------
    "line.published": "published  {url}",
    "line.scheduled": "scheduled for {when}  {url}",
    "line.not_on_site": "{status}  (not on the site; its address: {url})",
    # -- the command line itself ---------------------------------------------------------
    "usage.prefix": "usage:",
    "usage.positionals": "arguments",
    "usage.options": "options",
    "usage.commands": "commands",
    "usage.help": "show this help and exit",
    "usage.lang": "the language of messages: vi (the default) or en; also $NEWSROOM_LANG",
    "usage.mistake": "{prog}: {mistake} (see `{prog} --help`)",
    "usage.required": "missing: {names}",
    "usage.unrecognized": "not an argument of this command: {arguments}",
    "usage.invalid_choice": "{name} cannot be {value}: choose one of {choices}",
    "usage.expected_value": "{name} needs a value",
    "usage.invalid_value": "{name}: {value} is not a valid value",
    "usage.not_together": "{name} cannot be used with {other}",
    "confirm.choices": "[y/N]",
    "confirm.add_yes": "Add --yes to go ahead without being asked.",
    "confirm.not_done": "nothing done",
    "time.not_a_time": (
        "--at {text!r} is not a time: write it as 2026-11-28T08:00 (optionally +07:00)"
    ),
    # -- the API -------------------------------------------------------------------------
    "api.no_token": (
        "no token: pass --token or set NEWSROOM_TOKEN (or start the local stack with "
        "`newsroom dev`)"
    ),
    "api.local_not_answering": "the local stack at {api} is not answering: {error}",
    "api.unreachable": "cannot reach the API at {api}: {error}",
    "api.more_errors": " (and {count} more)",
    "api.unauthorized": (
        "401 Unauthorized: the API did not accept your token (tokens last an hour). {advice}"
    ),
    "api.sign_in_local": (
        "Sign in again: export NEWSROOM_TOKEN=$(newsroom token --role editor) "
        "(or --role reporter, admin), or unset NEWSROOM_TOKEN to use the local stack's."
    ),
    "api.sign_in_aws": (
        "Sign in again to the newsroom's user pool and set NEWSROOM_TOKEN to the access "
        "token: export NEWSROOM_TOKEN=$(aws cognito-idp initiate-auth --auth-flow "
        "USER_PASSWORD_AUTH --client-id <the stack's UserPoolClientId> --auth-parameters "
        "USERNAME=<you>,PASSWORD=<password> --query AuthenticationResult.AccessToken "
        "--output text)"
    ),
    "token.no_stack": "no local stack is running on {data_dir} (start one with `newsroom dev`)",
    # -- dev: the local stack ---------------------------------------------------------------
    "dev.ready": (
        "\nNewsroom local stack ready in {seconds} s\n"
        "  API        {api}\n"
        "  Site       {site}\n"
        "  moto       {cloud}  (AWS_ENDPOINT_URL for boto3 and the AWS CLI)\n"
        "  Data       {data_dir}\n"
        "  Token      newsroom token --role editor{data_dir_flag}  (or reporter, admin)\n"
        "  Ctrl-C stops the stack; its state stays in the data directory.\n"
    ),
    "dev.desk": "Desk:       {url}",
    "dev.password": "password {password}",
    "dev.demo_page": "Demo page:  {url}",
    "dev.demo_failed": "the demo article failed: {error}",
    "dev.stopping": "\nStopping: the API and site, the functions, then moto (saving its state)...",
    "dev.stopped": "Stopped. State saved in {data_dir}",
    # -- build, rebuild ---------------------------------------------------------------------
    "build.no_table": "no articles table: pass --table NAME or set ARTICLES_TABLE",
    "build.not_a_folder": "{out} exists and is not a folder",
    "build.bad_config": "cannot read the site configuration: {error}",
    "build.table_unreadable": "cannot read the table {table!r}: {error}",
    "build.export_unreadable": "cannot read the export {export}: {error}",
    "build.done": (
        "built {files} files ({articles} articles) into {out} in {seconds} s (reading the "
        "table {reading} s)"
    ),
    "rebuild.no_queue": "no render queue: pass --queue-url URL or set RENDER_QUEUE_URL",
    "rebuild.bad_chunk": "--chunk must be between 1 and 100",
    "rebuild.aws_unreachable": "cannot reach AWS: {error}",
    "rebuild.sent": "sent {count} render messages to the render queue",
    # -- redrive ------------------------------------------------------------------------------
    "redrive.no_local_stack": (
        "no local stack is running (start one with `newsroom dev`), or pass --stack NAME for AWS"
    ),
    "redrive.stack_unreadable": "cannot read the stack {stack!r}: {error}",
    "redrive.no_queue": "no queue {queue!r}: use images, render or publish",
    "redrive.sqs_unreachable": "cannot reach SQS: {error}",
    "redrive.moved": "{queue}: moved {count} message(s) back from the dead-letter queue",
    "redrive.total": "moved {count} message(s) in all",
    "redrive.article": "article {article_id}{version}",
    "redrive.rebuild": "rebuild {rebuild_id} part {part}",
    "redrive.message": "message",
    "redrive.unreadable": "unreadable message",
    # -- the article file ----------------------------------------------------------------
    "file.unreadable": "cannot read {file}: {error}",
    "file.where_line": "{file}, line {line}",
    # The file's key, then the API's reason (in English it follows the field's name).
    "file.refused_field": "{field}: {reason}",
    "file.no_front_matter": (
        "{file} has no front matter: its first line must be `---`, followed by the "
        "`key: value` lines (title, summary, ...) and another line `---`"
    ),
    "file.no_closing_fence": (
        "{file}: the front matter opens with `---` on line 1 but is never closed: add a "
        "line `---` after its last `key: value` line, before the body"
    ),
    "file.no_closing_fence_at": (
        "{file}: the front matter opens with `---` on line 1 but is never closed: add a "
        "line `---` before line {line} (where the body seems to start)"
    ),
    "file.not_key_value": "{file}: the front matter must be `key: value` lines",
    "file.unknown_key_near": "`{key}`: did you mean `{near}`?",
    "file.unknown_key": "`{key}` is not a key of an article (the keys are: {known})",
    "file.in_photo": "photo {number}: {mistake}",
    "file.not_text": "`{key}` must be text on one line, not a list or a mapping",
    "file.bad_version": (
        "`version: {value}` is not a version number (the command writes it; "
        "`newsroom pull` puts the right one back)"
    ),
    "file.bad_tags": "`tags` must be a list of words: [giao thông, hạ tầng]",
    "file.photos_not_list": "`photos:` must be a list, each item `- file: ...` with its `caption:`",
    "file.photo_needs_file": "photo {number} needs at least `file:` (and a `caption:`)",
    "file.photo_missing": "photo {number}: no file at {path}",
    "file.photo_name": (
        "a photo's file name may only hold letters without accents, digits, `.`, `_` and "
        "`-`, and end with {extensions}: rename {name}"
    ),
    "file.photo_twice": "two photos named {name} (the first is {first}): rename one of them",
    "file.image_not_listed": (
        "the body shows the image `{source}`, which `photos:` does not list; the site would "
        "leave it out: add it under `photos:` (`- file: {source}` with its `caption:`)"
    ),
    "file.no_id": (
        "{file} has no `id:`: it is not an article yet (publish it), or pull an article "
        "into it by its id: `newsroom pull ID --out {file}`"
    ),
    "file.sync_state_not_written": (
        "{file} could not be updated ({error}): add `id: {id}` and `version: {version}` to "
        "its front matter yourself"
    ),
    "yaml.twice": "`{key}` is written twice (lines {first} and {second}): keep one",
    "yaml.problem.colon": "a value holds `: `, which YAML reads as another key",
    "yaml.problem.no_colon": "a line has no `key: value`",
    "yaml.problem.tab": "a tab is used for indenting",
    "yaml.quote_the_value": (
        "{file}, line {line}: the front matter cannot be read: {problem}. Put the value "
        "in double quotes:\n    {fixed}"
    ),
    "yaml.use_spaces": (
        "{file}, line {line}: the front matter cannot be read: it is indented with a tab; "
        "indent with spaces"
    ),
    "yaml.unreadable": (
        "{file}, line {line}: the front matter cannot be read: {problem}\n    {written}"
    ),
    # -- photos --------------------------------------------------------------------------
    "photo.too_large": "photo {name}: the file is {size} MB; at most {limit} MB are accepted",
    "photo.not_a_photo": (
        "photo {name}: by its content, the file is not a JPEG, PNG, WebP or HEIC photo "
        "(whatever its name says)"
    ),
    "photo.svg": (
        "photo {name}: the file is an SVG drawing, which is not accepted as a photo "
        "(it can carry scripts)"
    ),
    "photo.refused": "photo {name}: {reason}",
    "photo.unreadable": "photo {name}: cannot read it: {error}",
    "photo.upload_failed": "uploading {name} failed: {error}",
    "photo.upload_refused": "uploading {name} was refused ({status}): {reason}",
    "photo.uploaded": "uploaded {size}",
    "photo.ready": "ready  {caption}",
    "photo.no_caption": "(no caption: add `caption:` to the photo)",
    "photo.caption_from_file": "(caption from the photo file)",
    "photo.rejected": "rejected: {reason}",
    "photo.still_processing": "still processing",
    "photo.reworded": "caption, alt text or credit changed",
    "photo.removed": "removed from the article",
    "photo.ordered": "photos put in the file's order: {names}",
    "photo.wait_timed_out": (
        "some photos were still being processed after {seconds} s: "
        "`newsroom articles show ID` tells how they end"
    ),
    # -- publish -------------------------------------------------------------------------
    "publish.created": "created {id}",
    "publish.nothing_changed": "nothing changed since version {version}: nothing sent",
    "publish.twin_question": (
        "An article with the same title and body is already in the newsroom: {id} "
        "({status}, {url}). Create another one?"
    ),
    "publish.twin_refused": (
        "an article with the same title and body is already in the newsroom: {id}. To "
        "work on it, pull it into this file: `newsroom pull {id} --out {file} --yes`."
    ),
    "publish.remove_question": (
        "The article is {status}: remove {names} from it, and from its page?"
    ),
    "publish.remove_refused": (
        "the article is on the site, and the file no longer lists {names}: removing them "
        "changes the page."
    ),
    "publish.at_in_the_past": (
        "--at {at} ({when}) is in the past: to publish now, use --now; to schedule, "
        "give a time to come"
    ),
    "publish.force_alone": "--force goes with publishing: add --now or --at TIME",
    "publish.photos_not_ready": "not published: these photos are not ready:",
    "publish.use_force": (
        "Replace or remove them in the file and publish again, or add --force to publish "
        "without them."
    ),
    # -- keeping the file in step --------------------------------------------------------
    "sync.out_of_date": (
        "{file} is out of date: it was last in step with version {version}, and the "
        "article is at version {current} (last saved by {by}). Nothing was saved."
    ),
    "sync.changed_on_server": "What changed on the server from version {version} to {current}:",
    "sync.no_such_version": (
        "The article has no version {version}; how the file differs from the server's:"
    ),
    "sync.no_version": (
        "{file} does not say which version of the article it was made from (`version:`), "
        "and the server's (version {current}) differs from it:"
    ),
    "sync.how_to_merge": (
        "To merge: keep a copy of {file}, run `newsroom pull {file} --yes` to write the "
        "server's version into it, apply your changes again, then publish."
    ),
    # -- pull ----------------------------------------------------------------------------
    "pull.other_article": (
        "{file} belongs to another article ({id}): choose another file with --out"
    ),
    "pull.unreadable_file": "the file as it is (it cannot be read as an article)",
    "pull.overwrite_question": (
        "{file} has changes the server does not have ({changes}). Overwrite them?"
    ),
    "pull.overwrite_refused": (
        "{file} has changes the server does not have ({changes}); pulling would overwrite them."
    ),
    "pull.downloaded": "downloaded",
    "pull.no_download": "not downloaded: the server offers no copy ({status})",
    "pull.download_refused": "downloading {name} was refused ({status})",
    "pull.download_failed": "downloading {name} failed: {error}",
    "pull.not_written": "cannot write {file}: {error}",
    "pull.written": "wrote {file}: version {version}, {photos} photo(s), {fetched} downloaded",
    # -- articles ------------------------------------------------------------------------
    "articles.none": "no articles",
    "articles.more": "(more: --cursor {cursor})",
    "articles.delete_question": "Delete article {id} with its photos and revisions?",
    "articles.delete_refused": "deleting cannot be undone.",
    "articles.deleted": "deleted {id}",
    "show.id": "id",
    "show.status": "status",
    "show.category": "category",
    "show.tags": "tags: {tags}",
    "show.author": "author",
    "show.source": "source: {source}",
    "show.version": "version",
    "show.saved": "{version}, saved {when} by {by}",
    "show.photo": "photo",
    # -- revisions and diff --------------------------------------------------------------
    "revisions.heading": "   #  saved by         when              status         changed",
    "revisions.created": "created",
    "revisions.status_change": "status: {before} → {after}",
    "revisions.nothing_in_text": "no change in the text (a photo, or saved again)",
    "diff.version": "version {number} ({by}, {when})",
    "diff.current_version": "version {number}, the current one ({by}, {when})",
    "diff.heading": "From {before} to {after}:",
    "diff.status": "status: {before} → {after}",
    "diff.no_text_change": "no change in the title, summary, body or other fields",
    "diff.legend": "([-removed-] {{+added+}})",
    "diff.bad_number": "a version number is 1 or more",
    # -- users (who signs in to the desk) -----------------------------------------------
    "users.invalid_email": "{email!r} is not an e-mail address: write it as name@example.gov.vn",
    "users.exists": (
        "{email} already has an account; to change its role use "
        "`newsroom users set-role {email} --role ...`"
    ),
    "users.no_such_user": "no user {email} (see them with `newsroom users list`)",
    "users.no_local_stack": (
        "no local stack is running (start one with `newsroom dev`), or pass --stack NAME "
        "for the user pool on AWS"
    ),
    "users.unreachable": "cannot reach the user pool: {error}",
    "users.no_credentials": (
        "no AWS credentials: run `aws configure` or `aws sso login`, or set AWS_PROFILE"
    ),
    "users.no_region": (
        "which AWS region is the stack in? Pass --region (e.g. --region ap-southeast-1) "
        "or set AWS_REGION"
    ),
    "users.no_stack": (
        "no stack {stack} in region {region} (list them with `aws cloudformation list-stacks`)"
    ),
    "users.no_pool_output": (
        "the stack {stack} has no {output} output: deploy it again with the current "
        "template (`sam deploy`)"
    ),
    "users.aws_refused": "AWS refused: {error}",
    "users.pool_refused": "the user pool refused: {error}",
    "users.added_emailed": (
        "added {email} as {role}; Cognito has e-mailed a temporary password to that address "
        "(from no-reply@verificationemail.com; it may be in spam)"
    ),
    "users.added_local": (
        "added {email} as {role}; temporary password: {password} (the local stack sends no e-mail)"
    ),
    "users.first_sign_in": (
        "The first sign-in asks for a new password (at least 12 characters, with upper and "
        "lower case and a digit); on AWS the temporary password works for 7 days."
    ),
    "users.none": "the user pool has no users",
    "users.column_email": "e-mail",
    "users.column_role": "role",
    "users.column_status": "status",
    "users.column_enabled": "account",
    "users.column_created": "created",
    "users.status_confirmed": "password set",
    "users.status_force_change_password": "awaiting first sign-in",
    "users.status_reset_required": "must reset password",
    "users.status_unconfirmed": "unconfirmed",
    "users.enabled": "enabled",
    "users.disabled": "disabled",
    "users.disabled_done": (
        "disabled {email}: no more sign-ins or token refreshes; tokens already issued are "
        "accepted by the API until they expire (an hour at most)"
    ),
    "users.enabled_done": "enabled {email}: they can sign in again",
    "users.role_set": "{email}: role {role} (before: {before})",
    "users.role_unchanged": "{email} already has the role {role}; nothing changed",
    "users.role_from_next_token": (
        "The new role applies from the next sign-in or token refresh (an hour at most)."
    ),
    # -- help ----------------------------------------------------------------------------
    "help.newsroom": "Serverless news publishing: the local stack and the editors' tools.",
    "help.api": "the API's URL (default $NEWSROOM_API, else the local stack)",
    "help.token": "a bearer token (default $NEWSROOM_TOKEN, else one from the local stack)",
    "help.data_dir": "the local stack's data directory (default .newsroom in the project)",
    "help.plan_metavar": "PLAN",
    "help.dev": "run the local stack (moto, API, workers, site) until Ctrl-C",
    "help.dev_description": (
        "Start the local stack: moto holding the template's resources, the API, a worker per "
        "queue and the site, with state kept in the data directory."
    ),
    "help.dev_api_port": "the API (default {default})",
    "help.dev_site_port": "the site (default {default})",
    "help.dev_cloud_port": "moto's server, internal (default {default})",
    "help.dev_data_dir": "where the state is kept (default {default})",
    "help.dev_no_demo": "do not create the demo article on first start",
    "help.dev_verbose": "also log every site request",
    "help.dev_batching_window_cap": (
        "for measurements only: wait at most this long to fill a batch, whatever the "
        "template's MaximumBatchingWindowInSeconds says (Lambda waits the full window)"
    ),
    "help.dev_workers": (
        "processes per function, each polling its queues (as Lambda runs several; default 1)"
    ),
    "help.dev_faults": (
        "for reliability tests: fail a share of AWS calls, e.g. 'seed=7,rate=0.05' (sets "
        "NEWSROOM_FAULTS; see infra/newsroom_local/faults.py)"
    ),
    "help.build": "render the whole site from the database into a folder",
    "help.build_description": (
        "Render every page, listing, feed, sitemap and search file of the site from the "
        "articles table (AWS, or the local stack through AWS_ENDPOINT_URL) into a folder, "
        "laid out as the site bucket is."
    ),
    "help.build_out": "folder to write the site into",
    "help.build_snapshot": (
        "read the table from an export (DynamoDB JSON lines) instead of scanning it"
    ),
    "help.build_workers": "processes rendering article pages (default: CPUs)",
    "help.table": "the articles table (default: $ARTICLES_TABLE, else the running local stack's)",
    "help.base_url": (
        "the site's address in links (default: $SITE_BASE_URL, else site.toml's base_url)"
    ),
    "help.site_config": "site.toml to use (default: $SITE_CONFIG or built-in)",
    "help.rebuild": (
        "render the whole site again through the render queue (after a template change)"
    ),
    "help.rebuild_description": (
        "Send the render queue one message per chunk of articles and listings, so that the "
        "render function renders the site again in parallel."
    ),
    "help.rebuild_queue_url": (
        "the render queue (default: $RENDER_QUEUE_URL, else the running local stack's)"
    ),
    "help.rebuild_chunk": "items per message (1-100)",
    "help.redrive": "move messages from the dead-letter queues back to their queues",
    "help.redrive_description": (
        "Move every message of a dead-letter queue back to its source queue (after fixing "
        "what made it fail) and report what was moved."
    ),
    "help.redrive_queue": "only this queue: images, render or publish (default: every queue)",
    "help.redrive_stack": (
        "the CloudFormation stack on AWS (default: $NEWSROOM_STACK, else the local stack)"
    ),
    "help.token_role": "the role of the token: reporter, editor or admin",
    "help.publish": "create or update an article from a Markdown file, with its photos",
    "help.publish_description": (
        "Create or update an article from a Markdown file with YAML front matter, and its "
        "photos; the file keeps the article's id and the version it is in step with."
    ),
    "help.now": "publish it now",
    "help.now_also": "publish now; needed when --at is in the past",
    "help.at": "publish at this time (ISO 8601; without a zone, the newsroom's +07:00)",
    "help.time_metavar": "TIME",
    "help.force": "publish even if some photos are not ready (the page leaves them out)",
    "help.publish_yes": (
        "do not ask: remove photos from a live article, create an article that looks "
        "like one already there"
    ),
    "help.seconds_metavar": "SECONDS",
    "help.wait": "how long to wait for uploaded photos to be processed (default {seconds})",
    "help.pull": "write the server's version of an article into its Markdown file",
    "help.pull_description": (
        "Write the article as the server has it into its Markdown file (front matter, "
        "body, photos' words), downloading photos missing here."
    ),
    "help.pull_article": "the article's id, or its Markdown file",
    "help.pull_out": "the file to write (default: the file named, or SLUG.md)",
    "help.pull_yes": "overwrite changes the file has that the server has not",
    "help.articles": "list, show, submit, publish, unpublish or delete articles",
    "help.articles_description": "Work with articles through the editorial API.",
    "help.articles_list": "articles, most recently changed first",
    "help.articles_q": "words to find (accents optional)",
    "help.articles_cursor": "the next page, as the previous one said",
    "help.articles_show": "an article's fields, status and photos",
    "help.articles_submit": "send a draft for review",
    "help.articles_publish": "publish now, or at a time with --at",
    "help.articles_unpublish": "take an article off the site",
    "help.articles_delete": "delete an article that is not published",
    "help.article_id": "the article's id",
    "help.article_or_file": "the article's id, or its Markdown file",
    "help.delete_yes": "do not ask to confirm",
    "help.revisions": "an article's saved versions: who, when, status, what changed",
    "help.revisions_description": (
        "List every saved version of an article: its number, who saved it and when, its "
        "status, and which fields it changed."
    ),
    "help.diff": "what changed between two versions of an article, word by word",
    "help.diff_description": (
        "Show the title, summary and body changes between two versions, or between one "
        "and the current version, word by word."
    ),
    "help.diff_rev": "a version number",
    "help.diff_other": "another version number (default: the current version)",
    "help.token_command": "print a bearer token for the running local stack",
    "help.token_description": (
        "Print an access token of the local user pool for a role; use it as "
        "`Authorization: Bearer <token>` on the local API. It is valid for an hour."
    ),
    "help.token_data_dir": "the data directory of the running stack (default {default})",
    "help.users": "add, list, disable or enable the desk's users, or change their role",
    "help.users_description": (
        "Who signs in to the desk and in which role (reporter, editor, admin), in the user "
        "pool of a stack on AWS (--stack) or of the local stack."
    ),
    "help.users_add": "add a user in a role (on AWS, Cognito e-mails a temporary password)",
    "help.users_list": "every user: e-mail, role, status, enabled or not, created",
    "help.users_disable": "disable an account: no more sign-ins",
    "help.users_enable": "enable an account again",
    "help.users_set_role": "change the role (a user has exactly one)",
    "help.users_email": "the e-mail address, which is also the user name",
    "help.users_role": "reporter, editor or admin",
    "help.users_stack": (
        "the CloudFormation stack on AWS (default: $NEWSROOM_STACK, else the local stack)"
    ),
    "help.users_stack_metavar": "NAME",
    "help.users_region": "the stack's AWS region (default: your AWS profile's)",
}
