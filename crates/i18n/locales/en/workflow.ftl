### Review workflow (madoguchi-workflow): states, roles and actions.

## States as staff name them

workflow-state-arrived = Arrived (awaiting review)
workflow-state-in-review = In review
workflow-state-correction-requested = Correction requested
workflow-state-resubmitted = Corrected (awaiting review)
workflow-state-approved = Approved
workflow-state-rejected = Rejected
workflow-state-withdrawn = Withdrawn
workflow-state-closed = Closed

## States as the applicant reads them

workflow-state-arrived-resident = Received. It is waiting for a member of staff
workflow-state-in-review-resident = A member of staff is checking it
workflow-state-correction-requested-resident = Something needs to be corrected: please read the message from the office
workflow-state-resubmitted-resident = Your correction was received and is being checked
workflow-state-approved-resident = Done: approved
workflow-state-rejected-resident = Not approved. The reasons have been sent to you
workflow-state-withdrawn-resident = Withdrawn
workflow-state-closed-resident = Completed

## Roles

workflow-role-resident = Applicant
workflow-role-clerk = Clerk
workflow-role-supervisor = Supervisor
workflow-role-author = Procedure author
workflow-role-administrator = Administrator

## Posts (職位)

workflow-post-staff = Staff
workflow-post-chief = Section chief
workflow-post-manager = Division manager
workflow-post-director = Director

## Actions

workflow-action-claim = Claim
workflow-action-assign = Assign
workflow-action-request-correction = Request a correction
workflow-action-resubmit = Send the correction
workflow-action-approve = Approve
workflow-action-reject = Reject
workflow-action-withdraw = Withdraw
workflow-action-close = Close the file
workflow-action-extend = Extend the period
